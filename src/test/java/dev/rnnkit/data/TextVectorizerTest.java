package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keras.datasets.imdb's ids and pad_sequences, each on a hand-worked example. */
class TextVectorizerTest {

  // Counts: the 3, cat 2, sat 2, dog 1, a 1, end 1; first seen in that order.
  private static final List<String> TRAINING =
      List.of("The cat sat. The dog sat!", "A cat<br />THE end");

  @TempDir Path dir;

  private static TextVectorizer fitted(int numWords, int maxLength) {
    return TextVectorizer.fit(TRAINING, new VectorizerConfig(numWords, maxLength));
  }

  @Test
  void ranksByFrequencyThenFirstOccurrenceWithIndexFromThree() {
    TextVectorizer v = fitted(100, 10);
    assertEquals(List.of("the", "cat", "sat", "dog", "a", "end"), v.rankedWords());
    assertEquals(4, v.idOf("the")); // rank 1 + index_from 3
    assertEquals(5, v.idOf("cat")); // cat and sat tie at 2; cat occurs first
    assertEquals(6, v.idOf("sat"));
    assertEquals(7, v.idOf("dog"));
    assertEquals(8, v.idOf("a"));
    assertEquals(9, v.idOf("end"));
  }

  @Test
  void startMarkerThenWordIdsAndUnseenWordsAreOutOfVocabulary() {
    assertArrayEquals(new int[] {1, 4, 7, 2, 5}, fitted(100, 10).wordIds("The dog ATE cat."));
  }

  @Test
  void idsAtOrAboveNumWordsBecomeOutOfVocabulary() {
    TextVectorizer v = fitted(8, 8); // keeps ids 4..7: the, cat, sat, dog
    assertEquals(7, v.idOf("dog"));
    assertEquals(KerasTextRules.OUT_OF_VOCABULARY_ID, v.idOf("a")); // id 8
    assertEquals(KerasTextRules.OUT_OF_VOCABULARY_ID, v.idOf("end")); // id 9
    assertArrayEquals(new int[] {0, 0, 1, 4, 7, 2, 2, 5}, v.encode("The dog ate a cat"));
    assertEquals(6, v.vocabularySize(), "the cut does not shrink the fitted vocabulary");
  }

  @Test
  void padsAtTheFrontWithZeros() {
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 4, 5, 6}, fitted(100, 10).encode("the cat sat"));
  }

  @Test
  void truncatesAtTheFrontKeepingTheLastIds() {
    // [1, 4, 5, 6, 7] keeps its last 3, so the start marker goes too (as in Keras).
    assertArrayEquals(new int[] {5, 6, 7}, fitted(100, 3).encode("the cat sat dog"));
  }

  @Test
  void kerasImdbSettingKeepsTheLastFiftyOfALongReview() {
    String review = IntStream.range(0, 60).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    TextVectorizer v = TextVectorizer.fit(List.of(review), VectorizerConfig.KERAS_IMDB);
    int[] ids = v.encode(review); // [1, 4, 5, ..., 63] is 61 long
    assertEquals(50, ids.length);
    assertArrayEquals(IntStream.rangeClosed(14, 63).toArray(), ids);
    assertArrayEquals(new int[] {1, 4, 5}, SequencePadding.pre(v.wordIds("w0 w1"), 3));
  }

  @Test
  void emptyTextIsTheStartMarkerAfterPadding() {
    assertArrayEquals(new int[] {0, 0, 1}, fitted(100, 3).encode("?!"));
  }

  @Test
  void vectorizeKeepsOrderAndLabels() {
    SequenceData data = fitted(100, 4).vectorize(
        List.of(new LabelledText("cat", 1), new LabelledText("dog end", 0)));
    assertEquals(2, data.size());
    assertEquals(4, data.timeSteps());
    assertArrayEquals(new int[] {0, 0, 1, 5}, data.tokensOf(0));
    assertArrayEquals(new int[] {0, 1, 7, 9}, data.tokensOf(1));
    assertEquals(1f, data.label(0));
    assertEquals(0f, data.label(1));
  }

  @Test
  void savedVocabularyLoadsToTheSameEncoding() throws IOException {
    TextVectorizer v = fitted(8, 6);
    Path file = dir.resolve("vocabulary.txt");
    v.save(file);
    assertEquals(List.of("# rnnkit-vocabulary 1 num_words=8 max_length=6 index_from=3",
        "the", "cat", "sat", "dog", "a", "end"), Files.readAllLines(file));
    TextVectorizer loaded = TextVectorizer.load(file);
    assertEquals(v.config(), loaded.config());
    assertEquals(v.rankedWords(), loaded.rankedWords());
    assertArrayEquals(v.encode("a dog, the end"), loaded.encode("a dog, the end"));
  }

  private void assertLoadFails(String content, String expected) throws IOException {
    Path file = Files.writeString(dir.resolve("vocabulary.txt"), content);
    DataFileException e = assertThrows(DataFileException.class, () -> TextVectorizer.load(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " should say: " + expected);
    assertTrue(e.getMessage().contains("TextVectorizer.save"), "the fix: " + e.getMessage());
  }

  @Test
  void loadRejectsFilesItDidNotWrite() throws IOException {
    String header = "# rnnkit-vocabulary 1 num_words=10000 max_length=50 index_from=3\n";
    assertLoadFails("the\ncat\n", "line 1: not a vocabulary file");
    assertLoadFails(header + "the\ncat\nthe\n", "line 4: the word 'the' appears twice (first at line 2)");
    assertLoadFails(header + "the\nNew York\n", "line 3: the word 'New York' is not one lowercase word");
    assertLoadFails(header.replace("index_from=3", "index_from=2"),
        "line 1: this vocabulary has format 1 and index_from 2");
  }

  @Test
  void rankedWordsGivenDirectlyGetTheSameIds() {
    TextVectorizer v = TextVectorizer.ofRankedWords(List.of("the", "cat"), new VectorizerConfig(100, 4));
    assertArrayEquals(new int[] {1, 5, 4, 2}, v.encode("Cat, the dog"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextVectorizer.ofRankedWords(List.of("the", "the"), VectorizerConfig.KERAS_IMDB));
    assertTrue(e.getMessage().contains("Ranked word 2 'the' appears twice (first at rank 1)"),
        e.getMessage());
  }

  @Test
  void configRejectsSizesThatLeaveNoWords() {
    assertThrows(IllegalArgumentException.class, () -> new VectorizerConfig(4, 50));
    assertThrows(IllegalArgumentException.class, () -> new VectorizerConfig(10, 0));
  }
}
