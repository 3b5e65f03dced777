package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-call dataset on a small stand-in for the reviews: no npm, no network. */
class ImdbDatasetTest {

  private static final VectorizerConfig CONFIG = new VectorizerConfig(1000, 8);

  @TempDir Path dataDir;

  /** 20 reviews, half of each class; review i holds the word "only{i}" and no other does. */
  private static List<LabelledText> reviews() {
    List<LabelledText> reviews = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String mood = i % 2 == 0 ? "great fun" : "dull mess";
      reviews.add(new LabelledText("A " + mood + ", only" + i + ".<br />The end", i % 2 == 0 ? 1 : 0));
    }
    return reviews;
  }

  private static int number(LabelledText review) {
    return Integer.parseInt(review.text().replaceAll(".*only(\\d+).*", "$1"));
  }

  @Test
  void vocabularyComesFromTheTrainingPartOnly() {
    ImdbDataset data = ImdbDataset.prepare(reviews(), 5, CONFIG, line -> { });
    for (LabelledText r : data.texts().train()) {
      assertNotEquals(KerasTextRules.OUT_OF_VOCABULARY_ID, data.vectorizer().idOf("only" + number(r)));
    }
    for (LabelledText r : data.texts().test()) {
      assertEquals(KerasTextRules.OUT_OF_VOCABULARY_ID, data.vectorizer().idOf("only" + number(r)));
    }
  }

  @Test
  void rowsFollowTheTextsAndAreBalanced() {
    ImdbDataset data = ImdbDataset.prepare(reviews(), 5, CONFIG, line -> { });
    assertEquals(10, data.train().size());
    assertEquals(10, data.test().size());
    assertEquals(8, data.train().timeSteps());
    for (int i = 0; i < data.test().size(); i++) {
      LabelledText review = data.texts().test().get(i);
      assertEquals(review.label(), data.test().label(i));
      assertArrayEquals(data.vectorizer().encode(review.text()), data.test().tokensOf(i));
    }
    long positiveTrain = data.texts().train().stream().filter(r -> r.label() == 1).count();
    assertEquals(5, positiveTrain);
  }

  @Test
  void loadUsesAHandPlacedFileAndWritesTheSplitAndVocabulary() throws IOException {
    DataFixtures.placeReviews(dataDir, reviews());
    PackageFetcher mustNotRun = (spec, dir) -> {
      throw new AssertionError("a hand-placed file needs no fetch");
    };
    List<String> progress = new ArrayList<>();

    ImdbDataset data = ImdbDataset.load(dataDir, 5, CONFIG, mustNotRun, progress::add);

    Path split = ImdbDataset.splitDirectory(dataDir, 5);
    assertEquals(dataDir.resolve("imdb/split-seed-5"), split);
    assertEquals(data.texts().train(), LabelledCsv.read(split.resolve("train.csv"), "text", "label"));
    assertEquals(data.texts().test(), LabelledCsv.read(split.resolve("test.csv"), "text", "label"));
    TextVectorizer reloaded = TextVectorizer.load(split.resolve("vocabulary.txt"));
    assertArrayEquals(data.vectorizer().encode("great fun, only3"), reloaded.encode("great fun, only3"));
    assertTrue(progress.stream().anyMatch(l -> l.contains("Splitting 20 reviews (10 positive)")),
        progress.toString());
    assertEquals(ImdbDataset.prepare(reviews(), 5, CONFIG, line -> { }).texts(), data.texts());

    // Progress names paths as they were given: a notebook passing ../data saves no machine paths.
    Path relative = Path.of("").toAbsolutePath().relativize(dataDir);
    progress.clear();
    ImdbDataset.load(relative, 5, CONFIG, mustNotRun, progress::add);
    assertTrue(progress.contains("Reading " + relative.resolve("imdb/reviews.json")), progress.toString());
    assertTrue(progress.contains("Writing train.csv, test.csv and vocabulary.txt to "
        + relative.resolve("imdb/split-seed-5")), progress.toString());
    assertTrue(progress.stream().noneMatch(l -> l.contains(" " + dataDir)), progress.toString());
  }

  @Test
  void statisticsCountWordsAgainstTheSequenceLength() {
    TextStatistics s = TextStatistics.of(List.of("a b c", "a, b!", "one two three four"), 3);
    assertEquals(3, s.texts());
    assertEquals(3.0, s.meanWords(), 1e-12);
    assertEquals(3.0, s.medianWords(), 1e-12);
    assertEquals(1.0 / 3, s.fractionLongerThanMaxLength(), 1e-12); // 4 words > 3
    assertEquals(2.0 / 3, s.fractionTruncated(), 1e-12); // start id + 3 words > 3 as well
  }
}
