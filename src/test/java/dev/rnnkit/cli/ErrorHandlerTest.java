package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The full disk of writes that do not name their target: checkpoints, reports. */
class ErrorHandlerTest {

  @TempDir Path dir;

  @Command(name = "writes")
  static final class Writes {
    @Option(names = "--out") Path out;
  }

  /** What the handler prints for {@code failure} of a command run with {@code args}. */
  private static String printed(Exception failure, String... args) {
    CommandLine cli = new CommandLine(new Writes());
    cli.parseArgs(args);
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(1, new ErrorHandler().handleExecutionException(failure, cli, cli.getParseResult()));
    return err.toString().strip();
  }

  private String fullDisk(Path target) throws IOException {
    return "Error: no space left on device " + Files.getFileStore(dir) + " while writing "
        + target.toAbsolutePath() + ": free space or choose another --out";
  }

  @Test
  void aCheckpointWriteOnAFullDiskNamesTheOutFolder() throws IOException {
    Path out = dir.resolve("out");
    var failure = new UncheckedIOException("Could not write checkpoint "
        + out.resolve("checkpoint.bin"), new IOException("No space left on device"));
    assertEquals(fullDisk(out), printed(failure, "--out", out.toString()));
  }

  @Test
  void aFileTheJdkNamesComesBeforeTheOutFolder() throws IOException {
    Path file = dir.resolve("report.html");
    var failure = new FileSystemException(file.toString(), null, "No space left on device");
    assertEquals(fullDisk(file), printed(failure, "--out", dir.resolve("out").toString()));
  }

  @Test
  void otherFailuresKeepTheirMessage() {
    assertEquals("Error: Could not write checkpoint",
        printed(new UncheckedIOException("Could not write checkpoint",
            new IOException("Permission denied"))));
  }
}
