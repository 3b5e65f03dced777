package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {

  @Test
  void embeddingUniformStaysInsideItsRangeAndFillsIt() {
    float[] v = Initializers.uniform(-0.05, 0.05).initialize(new long[] {10000, 64}, new SplittableRandom(1));
    double min = 1;
    double max = -1;
    double sum = 0;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    assertTrue(min >= -0.05 && max <= 0.05, "range " + min + ".." + max);
    assertTrue(min < -0.0499 && max > 0.0499, "the whole range is used");
    assertEquals(0, sum / v.length, 1e-3);
  }

  @Test
  void glorotUniformUsesFanInAndFanOut() {
    long[] shape = {64, 256};
    float[] v = Initializers.glorotUniform().initialize(shape, new SplittableRandom(2));
    double limit = Math.sqrt(6.0 / (64 + 256));
    double maxAbs = 0;
    double sumSq = 0;
    for (float x : v) {
      maxAbs = Math.max(maxAbs, Math.abs(x));
      sumSq += x * x;
    }
    assertTrue(maxAbs <= limit && maxAbs > 0.99 * limit, "max |w| " + maxAbs + " vs limit " + limit);
    // Variance of U(-a, a) is a^2 / 3.
    assertEquals(limit * limit / 3, sumSq / v.length, 0.05 * limit * limit / 3);
  }

  @Test
  void orthogonalRecurrentKernelHasOrthonormalRows() {
    int rows = 64;
    int cols = 256; // LSTM recurrent kernel [u, 4u]
    float[] v = Initializers.orthogonal().initialize(new long[] {rows, cols}, new SplittableRandom(3));
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < rows; j++) {
        double dot = 0;
        for (int k = 0; k < cols; k++) {
          dot += (double) v[i * cols + k] * v[j * cols + k];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-5, "row " + i + " . row " + j);
      }
    }
  }

  @Test
  void orthogonalSquareMatrixIsOrthogonalBothWays() {
    int n = 16;
    float[] v = Initializers.orthogonal().initialize(new long[] {n, n}, new SplittableRandom(4));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double rowDot = 0;
        double colDot = 0;
        for (int k = 0; k < n; k++) {
          rowDot += (double) v[i * n + k] * v[j * n + k];
          colDot += (double) v[k * n + i] * v[k * n + j];
        }
        assertEquals(i == j ? 1 : 0, rowDot, 1e-5);
        assertEquals(i == j ? 1 : 0, colDot, 1e-5);
      }
    }
  }

  @Test
  void lstmBiasStartsWithForgetGateAtOne() {
    int u = 4;
    float[] bias = Initializers.lstmUnitForgetBias(u).initialize(new long[] {4 * u}, new SplittableRandom(5));
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, bias);
  }

  @Test
  void sameSeedSameValues() {
    long[] shape = {8, 32};
    assertArrayEquals(
        Initializers.orthogonal().initialize(shape, new SplittableRandom(9)),
        Initializers.orthogonal().initialize(shape, new SplittableRandom(9)));
  }

  @Test
  void layersDeclareKerasInitializers() {
    var lstm = new LSTM("lstm", 3, false).weightSpecs(org.tensorflow.ndarray.Shape.of(-1, 5, 2));
    float[] bias = lstm.get(2).initializer().initialize(lstm.get(2).shape(), new SplittableRandom(1));
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, bias);
    var gru = new GRU("gru", 3, false, true).weightSpecs(org.tensorflow.ndarray.Shape.of(-1, 5, 2));
    assertArrayEquals(new long[] {2, 9}, gru.get(2).shape());
    var gruV1 = new GRU("gru", 3, false, false).weightSpecs(org.tensorflow.ndarray.Shape.of(-1, 5, 2));
    assertArrayEquals(new long[] {9}, gruV1.get(2).shape());
  }
}
