package dev.rnnkit.savedmodel;

import dev.rnnkit.data.DiskFullException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a directory all at once: content goes to a temporary folder beside the target, which is
 * renamed into place when complete. An existing target is replaced only when asked, and then only
 * after the new content is whole; a failure leaves the old target as it was.
 */
final class AtomicDirectory {

  /** Fills a folder. */
  @FunctionalInterface
  interface Writer {
    void write(Path folder) throws IOException;
  }

  private AtomicDirectory() {}

  /**
   * Writes {@code target} through {@code writer}.
   *
   * @throws DiskFullException if the file system is full (also when TensorFlow says so while
   *     exporting), naming it and {@code target}
   */
  static void write(Path target, boolean replace, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !replace) {
      throw new FileAlreadyExistsException(absolute.toString(), null,
          "a model is already there; pass --force (API: force=true) to replace it");
    }
    DiskFullException.whileWriting(absolute, () -> writeThroughTemporary(absolute, writer));
  }

  private static void writeThroughTemporary(Path absolute, Writer writer) throws IOException {
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    String name = absolute.getFileName().toString();
    Path temporary = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
    Files.createDirectory(temporary);
    try {
      writer.write(temporary);
      if (Files.exists(absolute)) {
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        try {
          Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
          throw e;
        }
        deleteRecursively(old);
      } else {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      deleteRecursively(temporary);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
