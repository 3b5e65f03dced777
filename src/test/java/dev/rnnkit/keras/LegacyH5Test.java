package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legacy Keras {@code .h5} model files: written by RNNKit, read back, and built by hand. */
class LegacyH5Test {

  @TempDir Path dir;

  @Test
  void writingAndReadingGivesTheSameArchitectureAndBitIdenticalWeights() {
    TestModels.assertRoundTrips(KerasExporter::saveLegacyH5, dir.resolve("model.h5"), KerasFormat.LEGACY_H5);
  }

  @Test
  void theFileHasTfKeras2sLayout() throws IOException {
    Sequential architecture = TestModels.featuresModel();
    Path file = dir.resolve("model.h5");
    KerasExporter.saveLegacyH5(architecture, TestModels.weights(architecture, 5), "m", file);
    try (HdfFile h5 = new HdfFile(file)) {
      assertEquals(List.of("model_weights"), List.copyOf(h5.getChildren().keySet()));
      assertEquals(List.of("backend", "keras_version", "model_config"),
          h5.getAttributes().keySet().stream().sorted().toList());
      assertEquals("2.15.0", Hdf5.string(h5, "keras_version", "test").orElseThrow());
      assertEquals("tensorflow", Hdf5.string(h5, "backend", "test").orElseThrow());
      JsonNode config = new ObjectMapper().readTree(Hdf5.string(h5, "model_config", "test").orElseThrow());
      assertEquals("Sequential", config.path("class_name").asText());
      assertTrue(config.path("module").isMissingNode(), "legacy configs have no module");
      JsonNode input = config.path("config").path("layers").get(0);
      assertEquals("InputLayer", input.path("class_name").asText());
      assertEquals("[null,5,2]", input.path("config").path("batch_input_shape").toString());
      assertEquals("orthogonal", config.path("config").path("layers").get(1).path("config")
          .path("recurrent_initializer").path("class_name").asText());

      Group weights = (Group) h5.getChild("model_weights");
      assertEquals(List.of("lstm_7", "dense_3", "dense_4"),
          Hdf5.strings(weights, "layer_names", "test").orElseThrow());
      assertEquals("2.15.0", Hdf5.string(weights, "keras_version", "test").orElseThrow());
      Group lstm = (Group) weights.getChild("lstm_7");
      assertEquals(List.of("lstm_7/lstm_cell/kernel:0", "lstm_7/lstm_cell/recurrent_kernel:0",
          "lstm_7/lstm_cell/bias:0"), Hdf5.strings(lstm, "weight_names", "test").orElseThrow());
      assertArrayEquals(new int[] {2, 32},
          h5.getDatasetByPath("model_weights/lstm_7/lstm_7/lstm_cell/kernel:0").getDimensions());
      assertArrayEquals(new int[] {8, 32}, h5.getDatasetByPath(
          "model_weights/lstm_7/lstm_7/lstm_cell/recurrent_kernel:0").getDimensions());
      assertArrayEquals(new int[] {4},
          h5.getDatasetByPath("model_weights/dense_3/dense_3/bias:0").getDimensions());
    }
  }

  /**
   * A file as tf.keras 2 writes it but unlike RNNKit's: no InputLayer (the first layer holds
   * batch_input_shape), weight names with tf.keras's numbered cells, a weight_names attribute
   * split into chunks.
   */
  @Test
  void readsAFileBuiltInTfKeras2sLayout() {
    Path file = legacyFile();
    ImportedModel model = KerasImporter.importModel(file);
    assertEquals("2.4.0", model.metadata().kerasVersion());
    assertEquals("sequential_3", model.metadata().modelName());
    assertEquals(5, model.architecture().input().timeSteps());
    LSTM lstm = (LSTM) model.architecture().layers().get(0);
    assertEquals(List.of("lstm_2", 2), List.of(lstm.name(), lstm.units()));
    assertEquals(new Dense("dense_6", 1, dev.rnnkit.layers.Activation.SIGMOID),
        model.architecture().layers().get(1));
    List<Weight> weights = model.weights();
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, weights.get(0).values());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0}, weights.get(2).values());
    assertArrayEquals(new float[] {0.5f, -0.5f}, weights.get(3).values());
    assertEquals("HDF5 dataset /model_weights/lstm_2/lstm_2/lstm_cell_2/recurrent_kernel:0",
        model.metadata().weightSources().get("lstm_2/recurrent_kernel"));
  }

  @Test
  void weightsListedOutOfKerasOrderAreRefused() {
    Path file = legacyFile("2.4.0", List.of("lstm_2/lstm_cell_2/recurrent_kernel:0",
        "lstm_2/lstm_cell_2/kernel:0", "lstm_2/lstm_cell_2/bias:0"));
    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasImporter.importModel(file));
    assertTrue(e.getMessage().contains("Keras's order puts kernel there"), e.getMessage());
  }

  @Test
  void keras1FilesAreRefused() {
    // Keras reads the version from the model_weights group, as the reader does.
    Path file = legacyFile("1.2.2", LSTM_WEIGHT_NAMES);
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> KerasImporter.importModel(file));
    assertTrue(e.getMessage().contains("keras_version 1.2.2"), e.getMessage());
  }

  @Test
  void weightsOnlyFilesAreExplained() {
    Path keras3Weights = dir.resolve("model.weights.h5");
    try (WritableHdfFile h5 = HdfFile.write(keras3Weights)) {
      h5.putGroup("layers").putGroup("dense").putGroup("vars").putDataset("0", new float[] {1});
    }
    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasImporter.importModel(keras3Weights));
    assertTrue(e.getMessage().contains("holds weights but no architecture; import the .keras"),
        e.getMessage());
  }

  @Test
  void aTruncatedFileIsReportedAsDamaged() throws IOException {
    Path file = legacyFile();
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.h5");
    java.nio.file.Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasImporter.importModel(truncated));
    assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());
  }

  private static final List<String> LSTM_WEIGHT_NAMES = List.of("lstm_2/lstm_cell_2/kernel:0",
      "lstm_2/lstm_cell_2/recurrent_kernel:0", "lstm_2/lstm_cell_2/bias:0");

  private Path legacyFile() {
    return legacyFile("2.4.0", LSTM_WEIGHT_NAMES);
  }

  private Path legacyFile(String kerasVersion, List<String> lstmWeightNames) {
    String config = """
        {"class_name": "Sequential", "config": {"name": "sequential_3", "layers": [
          {"class_name": "LSTM", "config": {"name": "lstm_2", "trainable": true,
           "batch_input_shape": [null, 5, 1], "dtype": "float32", "return_sequences": false,
           "return_state": false, "go_backwards": false, "stateful": false, "unroll": false,
           "time_major": false, "units": 2, "activation": "tanh",
           "recurrent_activation": "sigmoid", "use_bias": true,
           "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
           "unit_forget_bias": true, "kernel_regularizer": null, "dropout": 0.0,
           "recurrent_dropout": 0.0, "implementation": 2}},
          {"class_name": "Dense", "config": {"name": "dense_6", "trainable": true,
           "dtype": "float32", "units": 1, "activation": "sigmoid", "use_bias": true}}]}}
        """;
    Path file = dir.resolve("built.h5");
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("keras_version", kerasVersion);
      h5.putAttribute("backend", "tensorflow");
      h5.putAttribute("model_config", config);
      h5.putAttribute("training_config", "{\"loss\": \"binary_crossentropy\"}");
      WritableGroup weights = h5.putGroup("model_weights");
      weights.putAttribute("layer_names", new String[] {"lstm_2", "dense_6"});
      weights.putAttribute("keras_version", kerasVersion);
      WritableGroup dense = weights.putGroup("dense_6");
      dense.putAttribute("weight_names", new String[] {"dense_6/kernel:0", "dense_6/bias:0"});
      WritableGroup denseVars = dense.putGroup("dense_6");
      denseVars.putDataset("kernel:0", new float[][] {{0.5f}, {-0.5f}});
      denseVars.putDataset("bias:0", new float[] {0.25f});
      WritableGroup lstm = weights.putGroup("lstm_2");
      // Keras splits a long weight_names into weight_names0, weight_names1, ...
      lstm.putAttribute("weight_names0", lstmWeightNames.subList(0, 2).toArray(String[]::new));
      lstm.putAttribute("weight_names1", lstmWeightNames.subList(2, 3).toArray(String[]::new));
      WritableGroup cell = lstm.putGroup("lstm_2").putGroup("lstm_cell_2");
      cell.putDataset("kernel:0", new float[][] {{1, 2, 3, 4, 5, 6, 7, 8}});
      cell.putDataset("recurrent_kernel:0", new float[2][8]);
      cell.putDataset("bias:0", new float[] {0, 0, 1, 1, 0, 0, 0, 0});
      // The optimizer's state, which the reader does not need.
      h5.putGroup("optimizer_weights").putDataset("iter:0", new long[] {10});
    }
    return file;
  }
}
