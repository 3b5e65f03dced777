package dev.rnnkit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A write failed because the file system is full. The JDK and TensorFlow say so only with the
 * operating system's "No space left on device", naming neither the device nor what was being
 * written; this exception names both and the fix.
 */
public final class DiskFullException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The operating system's words for ENOSPC, as the JDK's and TensorFlow's messages carry them. */
  private static final String NO_SPACE = "No space left on device";

  private DiskFullException(Path target, Throwable cause) {
    super("no space left on device" + fileStore(target) + " while writing "
        + target.toAbsolutePath() + ": free space or choose another --out", cause);
  }

  /**
   * {@code failure} as a DiskFullException when it or one of its causes says the device is full:
   * the one already in the chain, or a new one naming {@code target}. Empty for other failures.
   */
  public static Optional<DiskFullException> of(Throwable failure, Path target) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DiskFullException known) {
        return Optional.of(known); // named where the write was, closer than target
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
        return Optional.of(new DiskFullException(target, failure));
      }
    }
    return Optional.empty();
  }

  /** A write to a file or folder. */
  @FunctionalInterface
  public interface Write {
    void run() throws IOException;
  }

  /**
   * Runs {@code write}, for write points: a failure for lack of space becomes a
   * DiskFullException naming {@code target}; any other failure passes unchanged.
   */
  public static void whileWriting(Path target, Write write) throws IOException {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      Optional<DiskFullException> full = of(e, target);
      if (full.isPresent()) {
        throw full.get();
      }
      throw e;
    }
  }

  /** " / (/dev/sda1)": the mount point and device that hold {@code target}, or "" if unknown. */
  private static String fileStore(Path target) {
    Path existing = target.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing == null ? "" : " " + Files.getFileStore(existing);
    } catch (IOException e) {
      return "";
    }
  }
}
