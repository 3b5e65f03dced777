package dev.rnnkit.keras;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SavedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and garbled files end in a KerasImportException (or SavedModelException) that names
 * the file and says what was expected, never in an exception from inside a parser.
 */
class DamagedFilesTest {

  /** Damaged copies per file: every other one truncated, the rest with a few bytes changed. */
  private static final int VARIANTS = 60;

  @TempDir Path dir;

  /** The copies of {@code original}, the same ones on every run. */
  private static byte[] damaged(byte[] original, int variant, Random random) {
    if (variant % 2 == 0) {
      return Arrays.copyOf(original, random.nextInt(original.length));
    }
    byte[] bytes = original.clone();
    for (int i = 0; i <= random.nextInt(8); i++) {
      bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256); // keep the magic
    }
    return bytes;
  }

  /**
   * Imports {@code file}; a failure must be a KerasImportException naming it, or, when the
   * changed bytes fell in the model's JSON config, the refusal of what the config now asks for.
   */
  private static void importOrExplain(Path file, String shownAs) {
    try {
      KerasImporter.importModel(file);
    } catch (UnsupportedKerasFeatureException e) {
      assertTrue(e.getMessage().contains("layer"), e.getMessage());
    } catch (KerasImportException e) {
      assertTrue(e.getMessage().contains(shownAs), e.getMessage());
    }
  }

  @Test
  void damagedLegacyH5Files() throws IOException {
    byte[] original = Files.readAllBytes(H5pyWrittenFilesTest.resource("h5py_legacy.h5"));
    Random random = new Random(7);
    for (int variant = 0; variant < VARIANTS; variant++) {
      Path file = Files.write(dir.resolve("damaged-" + variant + ".h5"),
          damaged(original, variant, random));
      importOrExplain(file, file.toString());
    }
  }

  @Test
  void damagedWeightsInsideKerasFiles() throws IOException {
    Map<String, byte[]> entries = TestZips.entries(H5pyWrittenFilesTest.resource("h5py_keras3.keras"));
    byte[] weights = entries.get(KerasArchive.WEIGHTS);
    Random random = new Random(11);
    for (int variant = 0; variant < VARIANTS; variant++) {
      entries.put(KerasArchive.WEIGHTS, damaged(weights, variant, random));
      Path file = TestZips.write(dir.resolve("damaged-" + variant + ".keras"), entries);
      importOrExplain(file, file + "!/" + KerasArchive.WEIGHTS);
    }
  }

  @Test
  void garbageAfterTheHdf5MagicSaysWhatWasExpected() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(3).nextBytes(bytes);
    System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, bytes, 0, 8);
    Path file = Files.write(dir.resolve("garbage.h5"), bytes);
    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasImporter.importModel(file));
    assertMentions(e.getMessage(), file.toString(), "is not a readable HDF5 file",
        "expected Keras weights as h5py writes them", "damaged or truncated");
  }

  @Test
  void truncatedSavedModelProtobuf() throws IOException {
    Path model = copy(Fixtures.require("keras-timeseries-rnn/lstm_model"), dir.resolve("lstm"));
    Path pb = model.resolve("saved_model.pb");
    byte[] bytes = Files.readAllBytes(pb);
    Files.write(pb, Arrays.copyOf(bytes, bytes.length / 2));

    KerasImportException imported =
        assertThrows(KerasImportException.class, () -> KerasImporter.importModel(model));
    assertMentions(imported.getMessage(), pb.toString(), "is not a valid SavedModel protobuf",
        "damaged");
    SavedModelException loaded = assertThrows(SavedModelException.class, () -> SavedModel.load(model));
    assertMentions(loaded.getMessage(), pb.toString(), "as a SavedModel protocol buffer",
        "damaged, truncated or not a SavedModel");
  }

  @Test
  void garbledKerasMetadata() throws IOException {
    Path model = copy(Fixtures.require("keras-timeseries-rnn/lstm_model"), dir.resolve("lstm"));
    Path metadata = model.resolve("keras_metadata.pb");
    Files.write(metadata, new byte[] {0x0a, 0x7f, 1, 2, 3});
    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasImporter.importModel(model));
    assertMentions(e.getMessage(), metadata.toString(), "is not a valid keras_metadata.pb");
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()));
      }
    }
    return to;
  }
}
