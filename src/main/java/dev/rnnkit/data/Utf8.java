package dev.rnnkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads text files as UTF-8, the one way every text file RNNKit reads is decoded: text that is
 * not UTF-8 fails with a {@link DataFileException} naming the file, the line and the byte offset
 * of the first bad byte, and a byte-order mark at the start is dropped.
 */
public final class Utf8 {

  private Utf8() {}

  /** A reader of the file's text; see the class comment for what it refuses and drops. */
  public static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new Utf8Reader(file, Files.newInputStream(file)));
  }

  /** The lines of the file, without their line terminators (as {@link Files#readAllLines}). */
  public static List<String> readLines(Path file) throws IOException {
    try (BufferedReader reader = reader(file)) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
      return lines;
    }
  }
}
