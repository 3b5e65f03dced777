package dev.rnnkit.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The cross-entropies' values in a graph against Keras's formulas (keras/src/backend/numpy/nn.py
 * and tensorflow/nn.py) evaluated here in doubles, and against what Keras 3.15.1 itself returned
 * for the same arrays ({@code keras.losses.CategoricalCrossentropy(from_logits=...)(y, p)}, numpy
 * backend, recorded in the constants below).
 */
class CrossentropyFormulasTest {

  private static final float[][] Y = {{0, 1, 0}, {0, 0, 1}, {0.2f, 0.3f, 0.5f}};
  private static final float[][] P = {{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}, {0.3f, 0.3f, 0.4f}};
  private static final float[][] Z = {{2, -1, 0.5f}, {0.1f, 0.2f, -3}, {1.5f, 1.5f, -0.5f}};
  private static final float[] CLASSES = {1, 2, 0};

  @Test
  void categoricalFromProbabilitiesScalesClipsAndLogs() {
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double sum = P[i][0] + P[i][1] + P[i][2];
      for (int c = 0; c < 3; c++) {
        expected -= Y[i][c] * Math.log(Math.min(Math.max(P[i][c] / sum, 1e-7), 1 - 1e-7));
      }
    }
    double loss = loss(Loss.categoricalCrossentropy(), Y, P);
    assertEquals(expected / 3, loss, 1e-6);
    assertEquals(1.1380034685134888, loss, 1e-6); // Keras 3.15.1
  }

  @Test
  void kerasDocstringExample() {
    float[][] y = {{0, 1, 0}, {0, 0, 1}};
    float[][] p = {{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}};
    assertEquals(1.1769392490386963, loss(Loss.categoricalCrossentropy(), y, p), 1e-6);
  }

  @Test
  void categoricalFromLogitsIsLogSoftmax() {
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        expected -= Y[i][c] * logSoftmax(Z[i], c);
      }
    }
    double loss = loss(Loss.categoricalCrossentropy(true), Y, Z);
    assertEquals(expected / 3, loss, 1e-6);
    assertEquals(2.9551684856414795, loss, 1e-6); // Keras 3.15.1
  }

  @Test
  void sparseFromLogitsIsLogSoftmaxOfTheLabel() {
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected -= logSoftmax(Z[i], (int) CLASSES[i]);
    }
    double loss = loss(Loss.sparseCategoricalCrossentropy(true), column(CLASSES), Z);
    assertEquals(expected / 3, loss, 1e-6);
    assertEquals(2.6218349933624268, loss, 1e-6); // Keras 3.15.1
  }

  @Test
  void sparseFromProbabilitiesIsUnchanged() {
    assertEquals(1.1859503984451294,
        loss(Loss.sparseCategoricalCrossentropy(), column(CLASSES), P), 1e-6); // Keras 3.15.1
  }

  @Test
  void binaryFromLogitsIsSigmoidCrossEntropyOfTheOutput() {
    float[] y = {1, 0, 1};
    float[] z = {2, -0.5f, 0};
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
    }
    double loss = loss(Loss.binaryCrossentropy(true), column(y), column(z));
    assertEquals(expected / 3, loss, 1e-6);
    assertEquals(0.4313840866088867, loss, 1e-6); // Keras 3.15.1
    // Without from_logits the same numbers are probabilities, clipped: another loss.
    double clipped = loss(Loss.binaryCrossentropy(), column(y), column(z));
    assertEquals((-2 * Math.log(1 - 1e-7) - Math.log(1e-7)) / 3, clipped, 1e-4);
  }

  private static double logSoftmax(float[] z, int c) {
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    for (float v : z) {
      sum += Math.exp(v - max);
    }
    return z[c] - max - Math.log(sum);
  }

  private static float[][] column(float[] values) {
    float[][] out = new float[values.length][1];
    for (int i = 0; i < values.length; i++) {
      out[i][0] = values[i];
    }
    return out;
  }

  /** The loss's scalar in a graph of constants, as a model's graph builds it (no logits). */
  static double loss(Loss loss, float[][] labels, float[][] output) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = tf.constant(StdArrays.ndCopyOf(labels));
      Operand<TFloat32> p = tf.constant(StdArrays.ndCopyOf(output));
      try (TFloat32 value = (TFloat32) s.runner().fetch(loss.build(tf, y, p, null)).run().get(0)) {
        return value.getFloat();
      }
    }
  }
}
