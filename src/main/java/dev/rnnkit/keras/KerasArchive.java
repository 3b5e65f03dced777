package dev.rnnkit.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a Keras 3 model: a {@code .keras} zip, or the same files in a directory
 * ({@code model.save(dir, zipped=False)}).
 */
final class KerasArchive implements AutoCloseable {

  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";

  /** HdfFile reads the weights from memory; beyond this a Java array cannot hold them. */
  private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

  private final Path source;
  private final ZipFile zip; // null for a directory

  private KerasArchive(Path source, ZipFile zip) {
    this.source = source;
    this.zip = zip;
  }

  static KerasArchive zip(Path file) {
    try {
      return new KerasArchive(file, new ZipFile(file.toFile()));
    } catch (ZipException e) {
      throw new KerasImportException(file + " is not a readable zip (.keras) file: "
          + e.getMessage() + ". The file is damaged or truncated; copy or save it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static KerasArchive directory(Path dir) {
    return new KerasArchive(dir, null);
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
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
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
}
