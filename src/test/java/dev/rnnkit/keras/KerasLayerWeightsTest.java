package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-layer weights against what real Keras 3.15.1 lists in {@code model.weights} (weights.json):
 * the same variables in the same order, with Keras's names ({@code sequential/gru/gru_cell/bias}
 * is layer {@code gru}, weight {@code bias}), shapes (no bias with use_bias=False, [2, 3u] with
 * reset_after) and values; and the prediction-only model built from the import predicts what
 * Keras predicted.
 */
class KerasLayerWeightsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.keras.Fixtures#recurrentOptionCases")
  void layerWeightsAreKerasVariables(String name) throws IOException {
    check(name, ImportOptions.defaults());
  }

  /** Stacked LSTMs ({@code lstm}, {@code lstm_1}) and a Dense, imported at the inputs' 5 steps. */
  @Test
  void stackedLayersAndDenseAreKerasVariables() throws IOException {
    check("04_float_lstm_stack_dense", ImportOptions.withTimeSteps(5));
  }

  private static void check(String name, ImportOptions options) throws IOException {
    Path fixture = Fixtures.require("keras3/" + name);
    JsonNode keras = JSON.readTree(fixture.resolve("weights.json").toFile()).path("weights");
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"), options);
    try (InferenceModel model = imported.forInference()) {
      List<Weight> ours = new ArrayList<>();
      imported.architecture().layers().forEach(l -> ours.addAll(model.layerWeights(l.name())));
      assertEquals(keras.size(), ours.size(), name + ": number of weights");
      for (int i = 0; i < keras.size(); i++) {
        JsonNode k = keras.get(i);
        String[] path = k.path("path").asText().split("/");
        Weight w = ours.get(i);
        String what = name + ": " + k.path("path").asText();
        assertEquals(path[1], w.layerName(), what);
        assertEquals(path[path.length - 1], w.shortName(), what);
        long[] shape = new long[k.path("shape").size()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = k.path("shape").get(d).asLong();
        }
        assertArrayEquals(shape, w.shape(), what + ": shape " + Arrays.toString(shape));
        assertArrayEquals(Fixtures.floats(k.path("values")), w.values(), what + ": values");
      }
      // The prediction-only model predicts what Keras predicted.
      SequenceData inputs = Fixtures.features(JSON.readTree(fixture.resolve("inputs.json").toFile()));
      float[] expected = Fixtures.floats(JSON.readTree(fixture.resolve("expected.json").toFile())
          .path("inputs.json").path("values"));
      float[][] rows = model.predict(inputs, inputs.size());
      int width = rows[0].length;
      assertEquals(expected.length, rows.length * width, name + ": number of outputs");
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], rows[i / width][i % width], 1e-5, name + ": output " + i);
      }
    }
  }
}
