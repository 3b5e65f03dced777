package dev.rnnkit.keras;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * the {@link ArchiveLimits} (entry count, total size, compression ratio). Reading then counts
 * what each entry unzips to and stops at the size its header declares, so a header that lies
 * cannot make it unzip more. No entry is held in memory whole: a JSON entry is read up to
 * {@link ArchiveLimits#MAX_JSON_BYTES}, and the weights stream to a temporary file.
 */
final class KerasArchive implements AutoCloseable {

  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";

  /** The HDF5 reader maps a file as one buffer, which holds at most this many bytes. */
  private static final long MAX_EXTRACTED_BYTES = Integer.MAX_VALUE;

  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private final Path source;
  private final ZipFile zip; // null for a directory
  private final ArchiveLimits limits;
  private long unzippedBytes; // by all entries read so far, against limits.maxTotalBytes()

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

  /**
   * A JSON entry's bytes, at most {@link ArchiveLimits#MAX_JSON_BYTES}: an entry whose header or
   * file declares more is refused before it is read, and one that unzips to more (its header
   * lied) as soon as the bytes counted pass the limit.
   */
  byte[] readJson(String name) {
    long declared = declaredSize(name);
    if (declared > ArchiveLimits.MAX_JSON_BYTES) {
      throw ArchiveLimits.jsonTooLarge(where(name) + (zip == null ? " is " : " unzips to ")
          + declared + " bytes", name);
    }
    try (InputStream in = open(name)) {
      byte[] bytes = in.readNBytes(ArchiveLimits.MAX_JSON_BYTES + 1);
      if (bytes.length > ArchiveLimits.MAX_JSON_BYTES) {
        throw ArchiveLimits.jsonTooLarge(where(name) + (zip == null ? " is more than "
            : " unzips to more than ") + ArchiveLimits.MAX_JSON_BYTES + " bytes", name);
      }
      return bytes;
    } catch (ZipException e) {
      throw damagedEntry(name, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " of " + source + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * An entry as a file on disk, for a reader that needs one (HDF5): a directory's own file, or
   * the entry of a zip unzipped to a temporary file, which closing the result deletes. The entry
   * streams to disk: it is never held in memory, and its bytes are counted against the header
   * and {@link ArchiveLimits#maxTotalBytes()} as they unzip.
   */
  Extracted extract(String name) {
    if (zip == null) {
      return new Extracted(source.resolve(name), false);
    }
    if (declaredSize(name) > MAX_EXTRACTED_BYTES) {
      throw tooLargeToMap(name, Long.toString(declaredSize(name)));
    }
    Path file;
    try {
      // Owner-only on POSIX file systems; the name tells what it holds, should it be left behind.
      file = Files.createTempFile("rnnkit-", "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file to unzip " + name + " of "
          + source + " into (java.io.tmpdir): " + e.getMessage(), e);
    }
    Extracted extracted = new Extracted(file, true);
    try (InputStream in = open(name); OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 << 10];
      long copied = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        copied += n;
        if (copied > MAX_EXTRACTED_BYTES) {
          throw tooLargeToMap(name, "more than " + MAX_EXTRACTED_BYTES);
        }
        out.write(buffer, 0, n);
      }
      return extracted;
    } catch (ZipException e) {
      throw extracted.deleteAfter(damagedEntry(name, e));
    } catch (IOException e) {
      throw extracted.deleteAfter(new UncheckedIOException("Cannot unzip " + name + " of "
          + source + " to " + file + ": " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw extracted.deleteAfter(e);
    }
  }

  /**
   * A file {@link #extract} gave.
   *
   * @param temporary whether closing deletes it
   */
  record Extracted(Path path, boolean temporary) implements AutoCloseable {

    @Override
    public void close() {
      if (temporary) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          path.toFile().deleteOnExit(); // e.g. still mapped on Windows
        }
      }
    }

    <E extends RuntimeException> E deleteAfter(E failure) {
      try {
        close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
      return failure;
    }
  }

  /** The size an entry's header (or a directory's file) declares; -1 if unknown. */
  private long declaredSize(String name) {
    if (zip == null) {
      try {
        return Files.size(source.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + where(name) + ": " + e.getMessage(), e);
      }
    }
    return entry(name).getSize();
  }

  private ZipEntry entry(String name) {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new KerasImportException(source + " has no " + name);
    }
    return entry;
  }

  /** The entry's bytes; for a zip, counted as they unzip, against its header and the limits. */
  private InputStream open(String name) throws IOException {
    if (zip == null) {
      return Files.newInputStream(source.resolve(name));
    }
    ZipEntry entry = entry(name);
    return new CountingStream(zip.getInputStream(entry), name, entry.getSize());
  }

  private String where(String name) {
    return zip == null ? source.resolve(name).toString() : source + ": entry " + name;
  }

  private KerasImportException damagedEntry(String name, ZipException e) {
    return new KerasImportException(source + ": entry " + name + " cannot be unzipped: "
        + e.getMessage() + ". The file is damaged; copy or save it again", e);
  }

  private KerasImportException tooLargeToMap(String name, String size) {
    return new KerasImportException(where(name) + " unzips to " + size + " bytes, more than"
        + " RNNKit reads as one HDF5 file (2 GiB)");
  }

  /**
   * Counts what an entry unzips to, and stops the read once it passes the size the entry's
   * header declares (the header lied: a zip bomb hides this way) or the total that
   * {@link ArchiveLimits#maxTotalBytes()} allows for the whole archive.
   */
  private final class CountingStream extends FilterInputStream {

    private final String name;
    private final long declared;
    private long count;

    CountingStream(InputStream in, String name, long declared) {
      super(in);
      this.name = name;
      this.declared = declared;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count(skipped);
      return skipped;
    }

    private void count(long n) {
      count += n;
      unzippedBytes += n;
      if (declared >= 0 && count > declared) {
        throw new KerasImportException(source + ": entry " + name + " holds more data than the "
            + declared + " bytes its header declares; the zip is damaged or crafted (a zip bomb"
            + " hides this way), so RNNKit stops reading it");
      }
      if (unzippedBytes > limits.maxTotalBytes()) {
        throw beyondLimit(source, "unzips to more than " + limits.maxTotalBytes() + " bytes",
            "maxTotalBytes", limits.maxTotalBytes() + " bytes in all");
      }
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
