package dev.rnnkit.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a Keras 3 model: a {@code .keras} zip, or the same files in a directory
 * ({@code model.save(dir, zipped=False)}).
 *
 * <p>A zip is checked when it is opened, before any entry is unzipped: every entry name must stay
 * inside the archive (no absolute path, no {@code ..} step), and the central directory must keep
 * the {@link ArchiveLimits} (entry count, total size, compression ratio). Reading then stops at
 * the size an entry declares, so a header that lies cannot make it unzip more.
 */
final class KerasArchive implements AutoCloseable {

  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";

  /** HdfFile reads the weights from memory; beyond this a Java array cannot hold them. */
  private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private final Path source;
  private final ZipFile zip; // null for a directory
  private final ArchiveLimits limits;
  private long unzippedBytes; // by read(), against limits.maxTotalBytes()

  private KerasArchive(Path source, ZipFile zip, ArchiveLimits limits) {
    this.source = source;
    this.zip = zip;
    this.limits = limits;
  }

  /**
   * Opens a {@code .keras} zip after checking its entries.
   *
   * @throws KerasImportException for a damaged zip, an entry whose name leaves the archive, or a
   *     zip beyond the limits
   */
  static KerasArchive zip(Path file, ArchiveLimits limits) {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new KerasImportException(file + " is not a readable zip (.keras) file: "
          + e.getMessage() + ". The file is damaged or truncated; copy or save it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      checkEntries(file, zip, limits);
    } catch (RuntimeException e) {
      closeQuietly(zip, e);
      throw e;
    }
    return new KerasArchive(file, zip, limits);
  }

  static KerasArchive directory(Path dir) {
    return new KerasArchive(dir, null, ArchiveLimits.defaults());
  }

  private static void checkEntries(Path file, ZipFile zip, ArchiveLimits limits) {
    if (zip.size() > limits.maxEntries()) {
      throw beyondLimit(file, "holds " + zip.size() + " entries", "maxEntries",
          limits.maxEntries() + " entries (a Keras model has a handful)");
    }
    long declared = 0;
    for (ZipEntry entry : Collections.list(zip.entries())) {
      requireInside(file, entry.getName());
      long size = Math.max(0, entry.getSize());
      declared += size;
      if (declared > limits.maxTotalBytes()) {
        throw beyondLimit(file, "unzips to more than " + limits.maxTotalBytes() + " bytes",
            "maxTotalBytes", limits.maxTotalBytes() + " bytes in all");
      }
      long compressed = entry.getCompressedSize();
      if (size >= ArchiveLimits.RATIO_CHECK_MIN_BYTES
          && (compressed <= 0 || size > compressed * limits.maxCompressionRatio())) {
        throw beyondLimit(file, "has an entry " + entry.getName() + " that unzips from "
                + compressed + " to " + size + " bytes", "maxCompressionRatio",
            String.format(Locale.ROOT, "%.0f times its compressed size",
                limits.maxCompressionRatio()));
      }
    }
  }

  /** An entry name that leaves the archive once joined to a folder is refused, not skipped. */
  private static void requireInside(Path file, String name) {
    String slashed = name.replace('\\', '/');
    boolean absolute = slashed.startsWith("/") || WINDOWS_DRIVE.matcher(slashed).matches();
    boolean climbs = Arrays.asList(slashed.split("/")).contains("..");
    if (absolute || climbs) {
      throw new KerasImportException(file + " has an entry named '" + name + "', which points"
          + " outside the archive (" + (absolute ? "an absolute path" : "a '..' step") + ")."
          + " Keras never writes such names: the file was damaged or crafted to write or read"
          + " outside its folder (path traversal), so RNNKit refuses it. Get the model from its"
          + " source again");
    }
  }

  private static KerasImportException beyondLimit(Path file, String what, String limit,
      String value) {
    return new KerasImportException(file + " " + what + ", beyond the limit of " + value
        + " (ArchiveLimits." + limit + "): it looks like a zip bomb, so RNNKit does not unzip"
        + " it. If the file is genuine, import it with"
        + " ImportOptions.withArchiveLimits(new ArchiveLimits(...))");
  }

  boolean has(String name) {
    return zip == null ? Files.isRegularFile(source.resolve(name)) : zip.getEntry(name) != null;
  }

  byte[] read(String name) {
    try {
      if (zip == null) {
        return Files.readAllBytes(source.resolve(name));
      }
      ZipEntry entry = zip.getEntry(name);
      if (entry == null) {
        throw new KerasImportException(source + " has no " + name);
      }
      if (entry.getSize() > MAX_ENTRY_BYTES) {
        throw new KerasImportException(source + ": " + name + " is " + entry.getSize()
            + " bytes, more than RNNKit reads into memory (2 GiB)");
      }
      long allowed = Math.min(MAX_ENTRY_BYTES, limits.maxTotalBytes() - unzippedBytes);
      long declared = entry.getSize() < 0 ? allowed : Math.min(entry.getSize(), allowed);
      try (InputStream in = zip.getInputStream(entry)) {
        byte[] bytes = in.readNBytes((int) declared); // grows as it reads: no allocation up front
        if (in.read() >= 0) {
          throw bytes.length == entry.getSize()
              ? new KerasImportException(source + ": entry " + name + " holds more data than the"
                  + " " + entry.getSize() + " bytes its header declares; the zip is damaged or"
                  + " crafted (a zip bomb hides this way), so RNNKit stops reading it")
              : beyondLimit(source, "unzips to more than " + limits.maxTotalBytes() + " bytes",
                  "maxTotalBytes", limits.maxTotalBytes() + " bytes in all");
        }
        unzippedBytes += bytes.length;
        return bytes;
      }
    } catch (ZipException e) {
      throw new KerasImportException(source + ": entry " + name + " cannot be unzipped: "
          + e.getMessage() + ". The file is damaged; copy or save it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " of " + source + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (zip != null) {
      try {
        zip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void closeQuietly(ZipFile zip, RuntimeException reason) {
    try {
      zip.close();
    } catch (IOException e) {
      reason.addSuppressed(e);
    }
  }
}
