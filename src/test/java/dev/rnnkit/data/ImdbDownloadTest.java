package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The real dataset, end to end: runs npm on first use and keeps the files in data/ of the working
 * directory. Skipped unless RNNKIT_IMDB_TEST=1. Prints the numbers of data/README.md.
 */
@EnabledIfEnvironmentVariable(named = "RNNKIT_IMDB_TEST", matches = "1",
    disabledReason = "opt-in, downloads IMDB with npm: set RNNKIT_IMDB_TEST=1")
class ImdbDownloadTest {

  private static final long SEED = 42;

  @Test
  void loadsTheBalancedKerasStyleDataset() throws IOException {
    Path dataDir = ImdbDataset.DEFAULT_DATA_DIR;
    ImdbDataset data = ImdbDataset.load(dataDir, SEED);

    for (SequenceData part : List.of(data.train(), data.test())) {
      assertEquals(25_000, part.size());
      assertEquals(50, part.timeSteps());
      assertEquals(-1, part.firstSequenceWithTokenOutside(10_000));
      assertEquals(-1, part.firstNonBinaryLabel());
      double positives = 0;
      for (int i = 0; i < part.size(); i++) {
        positives += part.label(i);
      }
      assertEquals(12_500, positives);
    }
    Path split = ImdbDataset.splitDirectory(dataDir, SEED);
    assertEquals(data.texts().test(), LabelledCsv.read(split.resolve("test.csv"), "text", "label"));
    assertTrue(Files.isRegularFile(split.resolve("vocabulary.txt")));
    printCardNumbers(data);
  }

  private static void printCardNumbers(ImdbDataset data) {
    List<String> train = data.texts().train().stream().map(LabelledText::text).toList();
    List<String> test = data.texts().test().stream().map(LabelledText::text).toList();
    List<String> all = new ArrayList<>(train);
    all.addAll(test);
    TextVectorizer vectorizer = data.vectorizer();
    System.out.printf(Locale.ROOT, "vocabulary of the training part: %,d words%n",
        vectorizer.vocabularySize());
    System.out.printf(Locale.ROOT, "vocabulary of all 50,000: %,d words%n",
        TextVectorizer.fit(all, VectorizerConfig.KERAS_IMDB).vocabularySize());
    System.out.println("all: " + TextStatistics.of(all, 50));
    System.out.println("train: " + TextStatistics.of(train, 50));
    System.out.println("test: " + TextStatistics.of(test, 50));
    long outOfVocabulary = 0;
    long words = 0;
    for (String text : test) {
      int[] ids = vectorizer.wordIds(text);
      words += ids.length - 1;
      for (int i = 1; i < ids.length; i++) {
        outOfVocabulary += ids[i] == KerasTextRules.OUT_OF_VOCABULARY_ID ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "test words that become id 2: %.4f%n",
        (double) outOfVocabulary / words);
    Set<String> trainTexts = new HashSet<>(train);
    System.out.printf(Locale.ROOT, "distinct texts: %,d; test reviews also in train: %,d%n",
        new HashSet<>(all).size(), test.stream().filter(trainTexts::contains).count());
  }
}
