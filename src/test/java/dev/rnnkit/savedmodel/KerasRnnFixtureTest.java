package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * The tf.keras 2.6 LSTM and GRU SavedModels: serving_default on [n, 5, 1] floats gives [n, 1].
 * Python's own outputs are not stored with the fixtures, so the checks are the declared
 * signature, finite outputs of the right shape, and agreement between batch and single rows,
 * repeated calls and the typed and JSON paths.
 */
class KerasRnnFixtureTest {

  /** Three sequences of 5 steps with one feature each. */
  private static final float[][][] BATCH = {
    {{0.1f}, {0.2f}, {0.3f}, {0.4f}, {0.5f}},
    {{-1f}, {0f}, {1f}, {0f}, {-1f}},
    {{2.5f}, {2.4f}, {2.2f}, {1.9f}, {1.5f}},
  };

  private static Path model(String name) {
    return name.equals("lstm_model") ? Fixtures.lstmModel() : Fixtures.gruModel();
  }

  private static TFloat32 tensorOf(float[][][] rows) {
    float[] flat = new float[rows.length * 5];
    for (int r = 0; r < rows.length; r++) {
      for (int t = 0; t < 5; t++) {
        flat[r * 5 + t] = rows[r][t][0];
      }
    }
    return TFloat32.tensorOf(Shape.of(rows.length, 5, 1), DataBuffers.of(flat, true, false));
  }

  private static float[] predict(SavedModel model, String input, String output, float[][][] rows) {
    try (TFloat32 x = tensorOf(rows)) {
      Map<String, Tensor> out = model.call("serving_default", Map.of(input, x));
      assertEquals(List.of(output), List.copyOf(out.keySet()));
      try (Tensor y = out.get(output)) {
        assertEquals(DataType.DT_FLOAT, y.dataType());
        assertArrayEquals(new long[] {rows.length, 1}, y.shape().asArray());
        float[] values = new float[rows.length];
        ((TFloat32) y).copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"lstm_model, input_6, dense_17", "gru_model, input_10, dense_29"})
  void servingDefaultPredictsOneValuePerSequence(String name, String input, String output) {
    try (SavedModel model = SavedModel.load(model(name))) {
      assertEquals(List.of("serve"), model.tags());
      SignatureSpec serving = model.signature(SavedModel.DEFAULT_SIGNATURE);
      assertEquals(List.of(serving), model.signatures());
      assertEquals("tensorflow/serving/predict", serving.methodName());
      TensorSpec in = serving.inputs().get(input);
      assertEquals(new TensorSpec(input, DataType.DT_FLOAT, DeclaredShape.of(-1, 5, 1),
          "serving_default_" + input + ":0"), in);
      assertEquals(DeclaredShape.of(-1, 1), serving.outputs().get(output).shape());

      float[] batch = predict(model, input, output, BATCH);
      for (float v : batch) {
        assertTrue(Float.isFinite(v), "finite output " + v);
      }
      assertTrue(batch[0] != batch[1] && batch[1] != batch[2], "distinct sequences, distinct outputs");
      // Loaded once, called many times: the same input gives the same output.
      assertArrayEquals(batch, predict(model, input, output, BATCH));
      for (int r = 0; r < BATCH.length; r++) {
        float single = predict(model, input, output, new float[][][] {BATCH[r]})[0];
        assertEquals(batch[r], single, 1e-6f, "row " + r + " alone and in the batch");
      }

      // The JSON path feeds the same floats and prints the same values.
      Map<String, JsonNode> json = model.callWithValues("serving_default", Map.of(input, BATCH));
      JsonNode rows = json.get(output);
      assertEquals(BATCH.length, rows.size());
      for (int r = 0; r < BATCH.length; r++) {
        assertEquals(1, rows.get(r).size());
        assertEquals(batch[r], rows.get(r).get(0).floatValue());
      }
    }
  }
}
