package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used as it is: its message names the file, the line when one is
 * to blame, what is wrong and how to fix it.
 */
public final class DataFileException extends IOException {

  /** Marks a problem that belongs to the whole file rather than to one line. */
  public static final int NO_LINE = -1;

  private final Path file;
  private final long line;

  public DataFileException(Path file, long line, String problemAndFix) {
    this(file, line, problemAndFix, null);
  }

  public DataFileException(Path file, long line, String problemAndFix, Throwable cause) {
    super(file + (line == NO_LINE ? "" : ", line " + line) + ": " + problemAndFix, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line the problem is on, or {@link #NO_LINE}. */
  public long line() {
    return line;
  }
}
