package dev.rnnkit.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Imports a Keras model into RNNKit, recognising the format by its contents:
 *
 * <ul>
 *   <li>a tf.keras 2 SavedModel directory ({@code model.save(dir)});
 *   <li>a Keras 3 {@code .keras} file (a zip), or such a file unzipped into a directory;
 *   <li>a legacy Keras {@code .h5} file ({@code model.save("m.h5")}).
 * </ul>
 *
 * The result holds an RNNKit architecture with the Keras layer names and the weights, named
 * {@code layer/weight} as {@link dev.rnnkit.model.Model#setWeights} takes them.
 */
public final class KerasImporter {

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private KerasImporter() {}

  public static ImportedModel importModel(Path path) {
    return importModel(path, ImportOptions.defaults());
  }

  public static ImportedModel importModel(Path path, ImportOptions options) {
    return Keras2HardSigmoid.check(read(path, options));
  }

  private static ImportedModel read(Path path, ImportOptions options) {
    if (Files.isDirectory(path)) {
      if (SavedModelReader.looksLikeSavedModel(path)) {
        return new SavedModelReader(path).read(options);
      }
      if (Files.isRegularFile(path.resolve(KerasArchive.CONFIG))) {
        return KerasArchiveReader.read(KerasArchive.directory(path), path, options);
      }
      throw new KerasImportException(path + " is a directory with neither saved_model.pb (a"
          + " tf.keras SavedModel) nor config.json (an unzipped .keras file)");
    }
    if (!Files.isRegularFile(path)) {
      throw new KerasImportException("No such file or directory: " + path);
    }
    byte[] head = head(path);
    if (startsWith(head, ZIP_MAGIC)) {
      try (KerasArchive archive = KerasArchive.zip(path, options.archiveLimits())) {
        return KerasArchiveReader.read(archive, path, options);
      }
    }
    if (startsWith(head, HDF5_MAGIC)) {
      return LegacyH5Reader.read(path, options);
    }
    throw new KerasImportException(path + " is neither a .keras file (zip), an .h5 file (HDF5)"
        + " nor a SavedModel directory; its first bytes are " + Arrays.toString(head));
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HDF5_MAGIC.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }
}
