package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * half-written one: the content goes to a temporary file beside the target, which is then
 * renamed onto it. An interrupted or failed write leaves no trace.
 */
final class AtomicFile {

  /** Writes the content of a file at the path it is given. */
  @FunctionalInterface
  interface Content {
    void writeTo(Path file) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code target} through {@code content}.
   *
   * @throws DiskFullException if the file system is full, naming it and {@code target}
   */
  static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    DiskFullException.whileWriting(absolute, () -> writeThroughTemporary(absolute, content));
  }

  private static void writeThroughTemporary(Path absolute, Content content) throws IOException {
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    // Same directory, so the rename stays on one file system and can be atomic. Not
    // Files.createTempFile: its owner-only permissions would stay on the finished file.
    Path temporary = Files.createFile(
        directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part"));
    try {
      content.writeTo(temporary);
      moveOnto(temporary, absolute);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void moveOnto(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems cannot rename atomically; a plain replacing move is the best they offer.
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
