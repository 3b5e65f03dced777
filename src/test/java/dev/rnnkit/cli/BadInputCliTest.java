package dev.rnnkit.cli;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.savedmodel.UnsafeModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of README's "What RNNKit says when input is wrong" that the command line reaches: each
 * runs {@code Main.execute} and checks the exit code and what stderr says.
 */
class BadInputCliTest {

  @TempDir Path tmp;

  private static CliTest.Run fails(String... args) {
    CliTest.Run run = CliTest.run(args);
    assertEquals(1, run.exit(), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    return run;
  }

  @Test
  void untrustedModelIsRefusedUntilTrusted() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "0123456789");
    Path model = UnsafeModels.readsFile(tmp.resolve("model"), secret);

    CliTest.Run refused = fails("predict", "--model", model.toString(), "--input", "x=[1]");
    assertMentions(refused.err(), "Error: Refusing to load", "ReadFile 'read_secret' in the graph",
        "pass --trust-model");

    CliTest.Run trusted = CliTest.run("predict", "--model", model.toString(), "--input", "x=[1]",
        "--trust-model");
    assertEquals(0, trusted.exit(), trusted.err());
    assertEquals("{\"y\":[11.0]}", trusted.out().strip());
  }
}
