package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Imports the tf.keras 2.6 SavedModels that Python wrote and compares RNNKit's outputs with the
 * SavedModels' own {@code serving_default} signatures, run by TensorFlow itself.
 */
class SavedModelImportTest {

  private static final int SAMPLES = 100;

  @Test
  void lstmModelHasTheArchitectureOfItsKerasMetadata() {
    ImportedModel imported = KerasImporter.importModel(
        Fixtures.require("keras-timeseries-rnn/lstm_model"));
    assertEquals(new InputSpec("input_6", 5, 1), imported.architecture().input());
    List<Layer> layers = imported.architecture().layers();
    assertEquals(4, layers.size());
    LSTM lstm = (LSTM) layers.get(0);
    assertEquals("lstm_5", lstm.name());
    assertEquals(64, lstm.units());
    assertEquals(false, lstm.returnSequences());
    assertEquals(new Dense("dense_15", 32, Activation.RELU), layers.get(1));
    assertEquals(new Dense("dense_16", 32, Activation.RELU), layers.get(2));
    assertEquals(new Dense("dense_17", 1, Activation.LINEAR), layers.get(3));
    assertEquals(KerasFormat.TF_KERAS_SAVED_MODEL, imported.metadata().format());
    assertEquals("sequential_5", imported.metadata().modelName());
    assertEquals("2.6.0", imported.metadata().kerasVersion());
    // Compiled in tf.keras 2.6 with Adam, mse and metrics=['mae'] (keras_metadata.pb's
    // training_config): RNNKit reports no mean_absolute_error, and reads no SavedModel slots.
    assertEquals(new dev.rnnkit.optimizers.Adam(0.001f, 0.9f, 0.999f, 1e-7f),
        imported.compileConfig().optimizer());
    assertEquals("mean_squared_error", imported.compileConfig().loss().kerasName());
    assertEquals(List.of(), imported.compileConfig().metrics());
    assertEquals(null, imported.optimizerState());
    assertEquals(2, imported.metadata().notes().size(), imported.metadata().notes().toString());
    assertTrue(imported.metadata().notes().get(0).startsWith("Metrics [mean_absolute_error] are"
        + " not computed by RNNKit"));
  }

  @Test
  void lstmCellWeightsAreFoundUnderTheKeysTheObjectGraphGivesThem() {
    ImportedModel imported = KerasImporter.importModel(
        Fixtures.require("keras-timeseries-rnn/lstm_model"));
    Map<String, String> sources = imported.metadata().weightSources();
    // The saver reached the cell's variables first through the model's own variable list.
    assertEquals("checkpoint key trainable_variables/0/.ATTRIBUTES/VARIABLE_VALUE"
        + " (variable lstm_5/lstm_cell_5/kernel)", sources.get("lstm_5/kernel"));
    assertTrue(sources.get("lstm_5/recurrent_kernel").contains("trainable_variables/1/"));
    assertTrue(sources.get("lstm_5/bias").contains("trainable_variables/2/"));
    assertTrue(sources.get("dense_15/kernel").contains("layer_with_weights-1/kernel/"));
    List<long[]> shapes = imported.weights().stream().map(Weight::shape).toList();
    assertArrayEquals(new long[] {1, 256}, shapes.get(0));
    assertArrayEquals(new long[] {64, 256}, shapes.get(1));
    assertArrayEquals(new long[] {256}, shapes.get(2));
    assertArrayEquals(new long[] {64, 32}, shapes.get(3));
  }

  @Test
  void gruModelHasTheArchitectureOfItsKerasMetadata() {
    ImportedModel imported = KerasImporter.importModel(
        Fixtures.require("keras-timeseries-rnn/gru_model"));
    assertEquals(new InputSpec("input_10", 5, 1), imported.architecture().input());
    GRU gru = (GRU) imported.architecture().layers().get(0);
    assertEquals("gru_3", gru.name());
    assertEquals(64, gru.units());
    assertTrue(gru.resetAfter());
    assertArrayEquals(new long[] {2, 192}, imported.weights().get(2).shape());
    assertEquals(List.of("gru_3", "dense_27", "dense_28", "dense_29"),
        imported.architecture().layers().stream().map(Layer::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lstm_model", "gru_model"})
  void importedModelComputesWhatTheSavedModelsOwnSignatureComputes(String name) {
    Path dir = Fixtures.require("keras-timeseries-rnn/" + name);
    ImportedModel imported = KerasImporter.importModel(dir);
    float[] inputs = randomInputs(SAMPLES * 5, 17);
    float[] expected = servingDefault(dir, imported, inputs);
    float[] actual;
    try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
      actual = flatten(model.predict(features(inputs, null), 32));
    }
    assertEquals(SAMPLES, expected.length);
    double maxDiff = 0;
    for (int i = 0; i < SAMPLES; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
    }
    System.out.println(name + ": max |RNNKit - serving_default| over " + SAMPLES + " inputs = "
        + maxDiff);
    assertTrue(maxDiff <= 1e-5, name + ": max abs difference " + maxDiff);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lstm_model", "gru_model"})
  void fineTuningTheImportedModelChangesItsWeightsAndLowersTheLoss(String name) {
    ImportedModel imported = KerasImporter.importModel(
        Fixtures.require("keras-timeseries-rnn/" + name));
    // A batch the model has never seen: targets of another scale than its training series.
    float[] inputs = randomInputs(64 * 5, 5);
    float[] labels = new float[64];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = 0.5f * inputs[i * 5 + 4] - 0.25f * inputs[i * 5];
    }
    SequenceData batch = features(inputs, labels);
    try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
      double before = model.evaluate(batch, 64).loss();
      Trainer.fit(model, batch, FitOptions.builder().epochs(20).batchSize(64).shuffle(false)
          .progressOut(null).build());
      double after = model.evaluate(batch, 64).loss();
      assertTrue(after < before, "loss on the training batch falls: " + before + " -> " + after);
      List<Weight> tuned = model.weights();
      for (int i = 0; i < tuned.size(); i++) {
        assertTrue(!tuned.get(i).equals(imported.weights().get(i)),
            tuned.get(i).name() + " changed");
      }
    }
  }

  /** The SavedModel's serving_default on the inputs, its keys taken from the signature. */
  private static float[] servingDefault(Path dir, ImportedModel imported, float[] inputs) {
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(SAMPLES, 5, 1), DataBuffers.of(inputs, true, false))) {
      SessionFunction serving = bundle.function("serving_default");
      String inputKey = serving.signature().inputNames().iterator().next();
      String outputKey = serving.signature().outputNames().iterator().next();
      // tf.keras names the signature's keys after the Input and the last layer.
      assertEquals(imported.architecture().input().name(), inputKey);
      List<Layer> layers = imported.architecture().layers();
      assertEquals(layers.get(layers.size() - 1).name(), outputKey);
      try (Result result = serving.call(Map.of(inputKey, x))) {
        TFloat32 y = (TFloat32) result.get(outputKey).orElseThrow();
        float[] out = new float[Math.toIntExact(y.size())];
        y.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private static float[] randomInputs(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(-2, 2);
    }
    return values;
  }

  private static SequenceData features(float[] flat, float[] labels) {
    int n = flat.length / 5;
    float[][][] sequences = new float[n][5][1];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 5; t++) {
        sequences[i][t][0] = flat[i * 5 + t];
      }
    }
    return SequenceData.ofFeatures(sequences, labels);
  }

  private static float[] flatten(float[][] rows) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][0];
    }
    return out;
  }
}
