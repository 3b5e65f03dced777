package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --arch bilstm --max-length none}: Keras's text classifier on texts of their own
 * lengths, from the command line to a SavedModel that {@code predict} reads texts of any length
 * with; the article's unmasked models and lengths that are not one are refused.
 */
class OpenLengthCliTest {

  @TempDir Path dir;

  private Path reviews() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    List<String> lines = new ArrayList<>(List.of("text,label"));
    for (int i = 0; i < 120; i++) {
      StringBuilder text = new StringBuilder(i % 2 == 0 ? "good" : "bad");
      for (int w = random.nextInt(25); w > 0; w--) {
        text.append(" word").append(random.nextInt(30));
      }
      lines.add(text + "," + (i % 2 == 0 ? 1 : 0));
    }
    return Files.write(dir.resolve("reviews.csv"), lines);
  }

  @Test
  void theBidirectionalClassifierTrainsOnTextsOfTheirOwnLengthsAndPredictsAnyText()
      throws IOException {
    Path out = dir.resolve("run");
    CliTest.Run trained = CliTest.run("train", "--csv", reviews().toString(), "--arch", "bilstm",
        "--max-length", "none", "--epochs", "2", "--out", out.toString());
    assertEquals(0, trained.exit(), trained.err());
    assertTrue(trained.out().contains("(None, None, 64)") && trained.out().contains("(None, 128)"),
        trained.out());
    String config = Files.readString(out.resolve("model/rnnkit.json"));
    assertTrue(config.contains("\"timeSteps\" : -1"), config);
    CliTest.Run predicted = CliTest.run("predict", "--model", out.resolve("model").toString(),
        "--text", "good", "--text", "bad word1 word2 word3 word4 word5 word6 word7 word8 word9");
    assertEquals(0, predicted.exit(), predicted.err());
    assertEquals(2, predicted.out().lines().filter(l -> l.matches("0\\.\\d{4} .*")).count(),
        predicted.out());
  }

  @Test
  void anUnmaskedArticleModelOrALengthThatIsNoneOfThoseIsRefused() throws IOException {
    Path out = dir.resolve("lstm");
    CliTest.Run refused = CliTest.run("train", "--csv", reviews().toString(), "--arch", "lstm",
        "--max-length", "none", "--out", out.toString());
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("use --arch bilstm"), refused.err());
    assertFalse(Files.exists(out), "nothing is created");
    CliTest.Run zero = CliTest.run("train", "--max-length", "0", "--data", "synthetic");
    assertEquals(2, zero.exit());
    assertTrue(zero.err().contains("give a positive number of ids, or none"), zero.err());
  }
}
