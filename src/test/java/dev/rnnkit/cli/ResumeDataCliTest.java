package dev.rnnkit.cli;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} continues a run only on the data it started with. */
class ResumeDataCliTest {

  @TempDir Path tmp;

  private CliTest.Run train(Path csv, String epochs, String... extra) {
    String[] base = {"train", "--csv", csv.toString(), "--epochs", epochs, "--out",
        tmp.resolve("out").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliTest.run(args);
  }

  @Test
  void aResumeOnARewrittenCsvIsRefusedNamingWhatChanged() throws Exception {
    Path csv = tmp.resolve("reviews.csv");
    OutputFolderCliTest.reviewsCsv(csv, 30);
    assertEquals(0, train(csv, "1").exit());

    OutputFolderCliTest.reviewsCsv(csv, 8); // the same file name, fewer rows and words
    CliTest.Run refused = train(csv, "2", "--resume");
    assertEquals(1, refused.exit(), refused.out());
    assertMentions(refused.err(), "belongs to another run (", "train_sequences was 24, now 6",
        "data_sha256 was ", "vocabulary_sha256 was ", "pass --force to start over");

    OutputFolderCliTest.reviewsCsv(csv, 30);
    CliTest.Run resumed = train(csv, "2", "--resume");
    assertEquals(0, resumed.exit(), resumed.err());
  }
}
