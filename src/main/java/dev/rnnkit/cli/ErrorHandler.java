package dev.rnnkit.cli;

import dev.rnnkit.io.DiskFullException;
import dev.rnnkit.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Prints a failed command's reason as one line on stderr (no stack trace for the errors users
 * cause and can fix) and returns exit code 1. Set RNNKIT_DEBUG=1 for the stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    Optional<DiskFullException> diskFull = DiskFullException.of(e, writeTarget(e, cli));
    boolean expected = diskFull.isPresent()
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof TrainingDivergedException
        || e instanceof dev.rnnkit.keras.KerasImportException;
    String message = diskFull.map(Throwable::getMessage)
        .orElse(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    cli.getErr().println("Error: " + message);
    if (!expected || "1".equals(System.getenv("RNNKIT_DEBUG"))) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }

  /**
   * Where a write that failed for lack of space was going, for writes that do not say so
   * themselves (checkpoints, reports): the file the JDK names, else the command's --out, else
   * the working folder, where relative output folders go.
   */
  private static Path writeTarget(Throwable e, CommandLine cli) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException failed && failed.getFile() != null) {
        return Path.of(failed.getFile());
      }
    }
    CommandLine.Model.OptionSpec out = cli.getCommandSpec().findOption("--out");
    Object folder = out == null ? null : out.getValue();
    return folder == null ? Path.of("") : Path.of(folder.toString());
  }
}
