package dev.rnnkit.data;

import static dev.rnnkit.data.DataFixtures.assertSameSequences;
import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

  @Test
  void trainingDataTakesTheSeedAndTestDataTheNextOne() {
    TrainingData data = new SyntheticSource().load(7, SampleSizes.ALL, line -> { });
    assertSameSequences(SyntheticTask.tokens(4000, 50, 10_000, 7), data.train());
    assertSameSequences(SyntheticTask.tokens(1000, 50, 10_000, 8), data.test());
    assertEquals("synthetic", data.name());
    assertNull(data.vectorizer());
    assertMentions(data.description(), "50 ids per sequence, vocabulary 10,000", "seed 7",
        "4,000 training and 1,000 test sequences");
  }

  @Test
  void sizesAreGeneratedAsAskedEvenBeyondTheDefaults() {
    TrainingData data = new SyntheticSource(12, 100).load(7, new SampleSizes(5000, 3), line -> { });
    assertSameSequences(SyntheticTask.tokens(5000, 12, 100, 7), data.train());
    assertSameSequences(SyntheticTask.tokens(3, 12, 100, 8), data.test());
  }

  @Test
  void aVectorizerChangesNothingForIds() {
    SyntheticSource source = new SyntheticSource();
    assertSame(source, source.withVectorizer(TextVectorizer.ofRankedWords(
        java.util.List.of("word"), VectorizerConfig.KERAS_IMDB)));
  }
}
