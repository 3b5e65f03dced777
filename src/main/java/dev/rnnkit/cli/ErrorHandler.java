package dev.rnnkit.cli;

import dev.rnnkit.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Prints a failed command's reason as one line on stderr (no stack trace for the errors users
 * cause and can fix) and returns exit code 1. Set RNNKIT_DEBUG=1 for the stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    boolean expected = e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof TrainingDivergedException
        || e instanceof dev.rnnkit.keras.KerasImportException;
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cli.getErr().println("Error: " + message);
    if (!expected || "1".equals(System.getenv("RNNKIT_DEBUG"))) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
