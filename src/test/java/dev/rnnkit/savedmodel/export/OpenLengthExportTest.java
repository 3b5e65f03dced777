package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The SavedModel of an open-length model serves batches of any length: for Keras's text
 * classifier (a Bidirectional LSTM over Embedding(mask_zero=True)) it returns, for rows padded
 * before, after and inside, what the model computes in Java step by step with the mask.
 */
class OpenLengthExportTest {

  @TempDir Path dir;

  private static final int[][] SHORT = {{0, 0, 4, 7, 11}, {3, 3, 9, 0, 0}, {10, 0, 1, 8, 4}};
  private static final int[][] LONG = {{5, 6, 7, 8, 9, 10, 11, 12, 2}, {0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 13, 14}};

  @Test
  void aMaskedBidirectionalLstmServesEveryLengthAsItComputesInJava() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.openTokens(), new Embedding(null, 60, 4, true),
        new Bidirectional(new LSTM(3, false)), new Dense(1, Activation.SIGMOID));
    Path folder = dir.resolve("model");
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.binaryCrossentropy(), 3)) {
      ModelDirectory.save(model, folder, null, 0, false);
      try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), "serve")) {
        SessionFunction serving = bundle.function("serving_default");
        String key = serving.signature().inputNames().iterator().next();
        for (int[][] rows : new int[][][] {SHORT, LONG}) {
          float[][] java = model.predict(SequenceData.ofTokens(rows, null), rows.length);
          float[] served = call(serving, key, rows);
          for (int i = 0; i < rows.length; i++) {
            assertEquals(java[i][0], served[i], 1e-6, "row " + i + " of " + rows[0].length);
          }
        }
      }
    }
  }

  /** Float sequences under Masking(0.0): all-zero steps before, inside and after the data. */
  @Test
  void aMaskingLstmOnFloatsServesEveryLengthAsItComputesInJava() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.openFeatures(2),
        new dev.rnnkit.layers.Masking(0f), new Bidirectional(new LSTM(3, false)),
        new Dense(1, Activation.SIGMOID));
    float[][][] rows = {
        {{0, 0}, {0.5f, -1}, {0, 0}, {2, 0.25f}, {0, 0}},
        {{1, 1}, {0.1f, 0.2f}, {0.3f, 0.4f}, {0, 0}, {0, 0}},
        {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {-0.7f, 0.9f}}};
    Path folder = dir.resolve("floats");
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.binaryCrossentropy(), 5)) {
      ModelDirectory.save(model, folder, null, 0, false);
      float[][] java = model.predict(SequenceData.ofFeatures(rows, null), rows.length);
      try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), "serve")) {
        SessionFunction serving = bundle.function("serving_default");
        String key = serving.signature().inputNames().iterator().next();
        float[] flat = new float[rows.length * 5 * 2];
        int k = 0;
        for (float[][] row : rows) {
          for (float[] step : row) {
            flat[k++] = step[0];
            flat[k++] = step[1];
          }
        }
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(rows.length, 5, 2), DataBuffers.of(flat));
            Result result = serving.call(Map.of(key, x))) {
          TFloat32 out = (TFloat32) result.get(0);
          for (int i = 0; i < rows.length; i++) {
            assertEquals(java[i][0], out.getFloat(i, 0), 1e-6, "row " + i);
          }
        }
      }
    }
  }

  @Test
  void anUnrolledOpenLengthModelIsRefusedByNameBeforeAnythingIsWritten() {
    Sequential architecture = Sequential.of(InputSpec.openTokens(), new Embedding(60, 4),
        new GRU(3, false), new Dense(1, Activation.SIGMOID));
    Path folder = dir.resolve("gru");
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.binaryCrossentropy(), 3)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> ModelDirectory.save(model, folder, null, 0, false));
      assertTrue(e.getMessage().contains("GRU 'gru'") && e.getMessage().contains("--max-length N"),
          e.getMessage());
    }
    assertTrue(!folder.toFile().exists() || folder.toFile().list().length == 0);
  }

  private static float[] call(SessionFunction serving, String key, int[][] rows) {
    int[] flat = java.util.Arrays.stream(rows).flatMapToInt(java.util.Arrays::stream).toArray();
    try (TInt32 ids = TInt32.tensorOf(Shape.of(rows.length, rows[0].length), DataBuffers.of(flat));
        Result result = serving.call(Map.of(key, ids))) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[(int) out.size()];
      out.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }
}
