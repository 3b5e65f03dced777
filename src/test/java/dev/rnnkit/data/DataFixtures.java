package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the data tests share: a stand-in for the IMDB reviews, and sequence comparison. */
final class DataFixtures {

  private DataFixtures() {}

  /**
   * Writes {@code reviews} where {@link ImdbReviews#file} expects them: a hand-placed file, so
   * nothing is fetched. The texts must need no JSON escaping.
   */
  static void placeReviews(Path dataDir, List<LabelledText> reviews) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (LabelledText r : reviews) {
      json.append(json.length() > 1 ? "," : "").append("{\"t\":\"").append(r.text())
          .append("\",\"s\":").append(r.label()).append('}');
    }
    Path placed = ImdbReviews.file(dataDir);
    Files.createDirectories(placed.getParent());
    Files.writeString(placed, json.append(']'));
  }

  /** The same token ids and labels, sequence by sequence. */
  static void assertSameSequences(SequenceData expected, SequenceData actual) {
    assertEquals(expected.size(), actual.size(), "sequences");
    assertEquals(expected.timeSteps(), actual.timeSteps(), "time steps");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.tokensOf(i), actual.tokensOf(i), "sequence " + i);
      assertEquals(expected.label(i), actual.label(i), "label " + i);
    }
  }
}
