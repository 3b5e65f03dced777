package dev.rnnkit.savedmodel;

import dev.rnnkit.data.DiskFullException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a directory all at once: content goes to a temporary folder beside the target, which is
 * renamed into place when complete. An existing target is replaced only when asked, and then only
 * after the new content is whole; a failure leaves the old target as it was. A write killed
 * midway leaves at most its own temporary folders, named {@code .NAME.tmp-UUID} and
 * {@code .NAME.old-UUID}, which the next write to the same target (or {@link #recover}) clears.
 */
final class AtomicDirectory {

  /** Fills a folder. */
  @FunctionalInterface
  interface Writer {
    void write(Path folder) throws IOException;
  }

  private static final String TEMPORARY = "tmp";
  private static final String OLD = "old";
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private AtomicDirectory() {}

  private static String hidden(String name, String role) {
    return "." + name + "." + role + "-" + UUID.randomUUID();
  }

  /**
   * Clears what a killed write to {@code target} left beside it, and nothing else: its temporary
   * folders go; an old target it had moved aside goes too, unless the kill came before the new
   * one was moved in, in which case the old one is put back (the last complete state).
   */
  static void recover(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (!Files.isDirectory(parent)) {
      return;
    }
    String name = Pattern.quote(absolute.getFileName().toString());
    Pattern temporary = Pattern.compile("\\." + name + "\\." + TEMPORARY + "-" + UUID_PATTERN);
    Pattern old = Pattern.compile("\\." + name + "\\." + OLD + "-" + UUID_PATTERN);
    List<Path> entries;
    try (Stream<Path> list = Files.list(parent)) {
      entries = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path entry : entries) {
      String entryName = entry.getFileName().toString();
      if (temporary.matcher(entryName).matches()) {
        deleteRecursively(entry);
      } else if (old.matcher(entryName).matches()) {
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
          deleteRecursively(entry);
        } else {
          Files.move(entry, absolute, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
  }

  /**
   * Writes {@code target} through {@code writer}.
   *
   * @throws DiskFullException if the file system is full (also when TensorFlow says so while
   *     exporting), naming it and {@code target}
   */
  static void write(Path target, boolean replace, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    recover(absolute);
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
    Path temporary = parent.resolve(hidden(name, TEMPORARY));
    Files.createDirectory(temporary);
    try {
      writer.write(temporary);
      if (Files.exists(absolute)) {
        Path old = parent.resolve(hidden(name, OLD));
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
