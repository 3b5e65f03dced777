package dev.rnnkit.data;

import static dev.rnnkit.data.DataFixtures.assertSameSequences;
import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

  private static final long SEED = 42;

  @TempDir Path dir;

  /** 30 rows, labels alternating, texts of a few words each. */
  private Path reviews() throws IOException {
    List<LabelledText> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(new LabelledText((i % 2 == 0 ? "a fine film" : "a dull film") + " number" + i,
          i % 2));
    }
    Path csv = dir.resolve("reviews.csv");
    LabelledCsv.write(csv, rows);
    return csv;
  }

  private static List<LabelledText> rowsOf(Path csv) throws IOException {
    return LabelledCsv.read(csv, "text", "label");
  }

  @Test
  void eachPolicySplitsAndAVocabularyIsFittedOnTheTrainingPartOnly() throws IOException {
    Path csv = reviews();
    for (SplitPolicy policy : List.of(SplitPolicy.EIGHTY_TWENTY, SplitPolicy.BALANCED_HALVES)) {
      List<String> progress = new ArrayList<>();
      TrainingData data = new CsvSource(csv, "text", "label", policy)
          .load(SEED, SampleSizes.ALL, progress::add);

      TrainTestSplit split = policy.apply(rowsOf(csv), SEED);
      TextVectorizer fitted = TextVectorizer.fit(
          split.train().stream().map(LabelledText::text).toList(), VectorizerConfig.KERAS_IMDB);
      assertEquals(fitted.rankedWords(), data.vocabulary(), policy.name());
      assertSameSequences(fitted.vectorize(split.train()), data.train());
      assertSameSequences(fitted.vectorize(split.test()), data.test());
      assertEquals("csv:reviews.csv", data.name());
      assertEquals(List.of(String.format("%s: 30 rows, %d for training and %d for test; %d words",
          csv, split.train().size(), split.test().size(), fitted.vocabularySize())), progress);
    }
  }

  @Test
  void aFixedVectorizerEncodesInsteadOfAFittedOne() throws IOException {
    Path csv = reviews();
    TextVectorizer fixed = TextVectorizer.ofRankedWords(List.of("dull", "fine"),
        new VectorizerConfig(10, 6));
    TrainingData data = new CsvSource(csv, "text", "label", SplitPolicy.EIGHTY_TWENTY)
        .withVectorizer(fixed).load(SEED, SampleSizes.ALL, line -> { });
    assertSame(fixed, data.vectorizer());
    TrainTestSplit split = SplitPolicy.EIGHTY_TWENTY.apply(rowsOf(csv), SEED);
    assertSameSequences(fixed.vectorize(split.train()), data.train());
    assertSameSequences(fixed.vectorize(split.test()), data.test());
    assertMentions(data.description(), "num_words 10, maxlen 6");
  }

  @Test
  void sizesTakeTheFirstRowsOfEachPart() throws IOException {
    CsvSource source = new CsvSource(reviews(), "text", "label", SplitPolicy.BALANCED_HALVES);
    TrainingData all = source.load(SEED, SampleSizes.ALL, line -> { });
    TrainingData some = source.load(SEED, new SampleSizes(4, 20), line -> { });
    assertSameSequences(all.train().slice(0, 4), some.train());
    assertSameSequences(all.test(), some.test()); // 16 test rows: fewer than asked for
    assertEquals("reviews.csv (columns 'text' and 'label', num_words 10,000, maxlen 50, split"
        + " seed 42): 4 of 14 training and 16 of 16 test sequences", some.description());
  }

  @Test
  void textsWithoutWordsAreRefused() throws IOException {
    Path csv = dir.resolve("marks.csv");
    LabelledCsv.write(csv, List.of(new LabelledText("!!", 1), new LabelledText("...", 0),
        new LabelledText("?", 1)));
    DataFileException e = assertThrows(DataFileException.class,
        () -> new CsvSource(csv, "text", "label", SplitPolicy.EIGHTY_TWENTY)
            .load(SEED, SampleSizes.ALL, line -> { }));
    assertMentions(e.getMessage(), "none of the 3 texts in column 'text' holds a word");
  }

  @Test
  void trainingRowsWithoutWordsAreRefusedEvenIfTestRowsHaveSome() throws IOException {
    // The split depends only on the number of rows and the seed, so the test rows can be
    // found on wordless rows first and then given words.
    List<LabelledText> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new LabelledText("!".repeat(i + 1), i % 2));
    }
    List<LabelledText> test = TrainTestSplit.fraction(rows, 0.2, SEED).test();
    rows.replaceAll(row -> test.contains(row) ? new LabelledText("fine words", row.label()) : row);
    Path csv = dir.resolve("reviews.csv");
    LabelledCsv.write(csv, rows);

    DataFileException e = assertThrows(DataFileException.class,
        () -> new CsvSource(csv, "text", "label", SplitPolicy.EIGHTY_TWENTY)
            .load(SEED, SampleSizes.ALL, line -> { }));
    assertMentions(e.getMessage(), csv + ": the 8 rows chosen for training hold no word in"
        + " column 'text', only the test rows do: add rows with text");
  }

  @Test
  void classNamesComeWithTheDataAndTheLabelsAreTheirIndices() throws IOException {
    Path csv = dir.resolve("topics.csv");
    StringBuilder content = new StringBuilder("text,topic\n");
    String[] topics = {"sport", "art", "news"};
    for (int i = 0; i < 30; i++) {
      content.append("words of ").append(topics[i % 3]).append(' ').append(i).append(',')
          .append(topics[i % 3]).append('\n');
    }
    java.nio.file.Files.writeString(csv, content);
    TrainingData data = new CsvSource(csv, "text", "topic", SplitPolicy.BALANCED_HALVES)
        .load(SEED, SampleSizes.ALL, line -> { });
    assertEquals(List.of("art", "news", "sport"), data.classNames());
    assertEquals(3, data.classes());
    assertEquals(true, data.multiClass());
    java.util.Set<Float> labels = new java.util.TreeSet<>();
    for (int i = 0; i < data.train().size(); i++) {
      labels.add(data.train().label(i));
    }
    assertEquals(java.util.Set.of(0f, 1f, 2f), labels);
  }

  @Test
  void zeroOneDataIsBinaryWithoutClassNames() throws IOException {
    TrainingData data = new CsvSource(reviews(), "text", "label", SplitPolicy.EIGHTY_TWENTY)
        .load(SEED, SampleSizes.ALL, line -> { });
    assertEquals(null, data.classNames());
    assertEquals(2, data.classes());
    assertEquals(false, data.multiClass());
  }
}
