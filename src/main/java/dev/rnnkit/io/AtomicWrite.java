package dev.rnnkit.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a file or a folder so that readers see either the old one or the complete new one, never
 * a half-written one: the content goes to a temporary beside the target, named
 * {@code .NAME.tmp-UUID}, which is renamed onto the target when complete. A failed write leaves
 * the old target as it was and no temporary. A write killed midway leaves at most its temporary
 * (and, for a folder, the old target moved aside as {@code .NAME.old-UUID}), which {@link
 * #removeLeftovers} clears; every write to a folder clears them first.
 *
 * <p>A file is forced to the disk before its rename and the rename after it, so that after a
 * crash of the machine the target holds the last complete file (checkpoints rely on it). A
 * finished file has the permissions of any new file, not the owner-only ones of {@link
 * Files#createTempFile}.
 *
 * <p>A full disk is reported as a {@link DiskFullException} naming the device and the target.
 */
public final class AtomicWrite {

  /** Fills the temporary file or folder at the path it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  private static final String TEMPORARY = "tmp";
  private static final String OLD = "old";
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private AtomicWrite() {}

  /**
   * Writes the file {@code target} through {@code content}, replacing it if it exists.
   *
   * @throws DiskFullException if the file system is full, naming it and {@code target}
   */
  public static void file(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    DiskFullException.whileWriting(absolute, () -> writeFile(absolute, content));
  }

  /**
   * Writes the folder {@code target} through {@code content}, which fills an empty folder;
   * replaces an existing target only once the new one is whole. Callers that must not replace
   * check for the target after {@link #removeLeftovers}, which may put a previous one back.
   *
   * @throws DiskFullException if the file system is full (also when TensorFlow says so while
   *     exporting), naming it and {@code target}
   */
  public static void directory(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    removeLeftovers(absolute);
    DiskFullException.whileWriting(absolute, () -> writeDirectory(absolute, content));
  }

  /**
   * Clears what killed writes to {@code target} left beside it, and nothing else: their
   * temporaries go; a folder target they had moved aside goes too, unless the kill came before
   * the new one was moved in, in which case the old one is put back (the last complete state).
   */
  public static void removeLeftovers(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (!Files.isDirectory(parent)) {
      return;
    }
    Pattern temporary = hiddenPattern(absolute, TEMPORARY);
    Pattern old = hiddenPattern(absolute, OLD);
    List<Path> entries;
    try (Stream<Path> list = Files.list(parent)) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      boolean folder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
      if (temporary.matcher(name).matches()
          && (folder || Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))) {
        deleteRecursively(entry);
      } else if (old.matcher(name).matches() && folder) {
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
          deleteRecursively(entry);
        } else {
          Files.move(entry, absolute, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
  }

  private static void writeFile(Path absolute, Content content) throws IOException {
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    // Same folder, so the rename stays on one file system and can be atomic. Not
    // Files.createTempFile: its owner-only permissions would stay on the finished file.
    Path temporary = Files.createFile(parent.resolve(hidden(absolute, TEMPORARY)));
    try {
      content.writeTo(temporary);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      moveOnto(temporary, absolute);
      syncDirectory(parent);
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

  private static void writeDirectory(Path absolute, Content content) throws IOException {
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path temporary = parent.resolve(hidden(absolute, TEMPORARY));
    Files.createDirectory(temporary);
    try {
      content.writeTo(temporary);
      if (Files.exists(absolute)) {
        Path old = parent.resolve(hidden(absolute, OLD));
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

  private static String hidden(Path target, String role) {
    return "." + target.getFileName() + "." + role + "-" + UUID.randomUUID();
  }

  private static Pattern hiddenPattern(Path target, String role) {
    return Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\." + role
        + "-" + UUID_PATTERN);
  }

  /** Makes a rename durable; not every file system allows it, and that is harmless. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open folders; the file's own force already happened.
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
