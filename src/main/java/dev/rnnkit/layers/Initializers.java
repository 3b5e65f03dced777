package dev.rnnkit.layers;


/** Keras's initializers, computed in Java so that a seed fixes every initial weight. */
public final class Initializers {

  private Initializers() {}

  /** {@code zeros}. */
  public static Initializer zeros() {
    return (shape, random) -> new float[size(shape)];
  }

  /** {@code RandomUniform(minval, maxval)}; Keras's Embedding uses (-0.05, 0.05). */
  public static Initializer uniform(double min, double max) {
    return (shape, random) -> {
      float[] values = new float[size(shape)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (min + (max - min) * random.nextDouble());
      }
      return values;
    };
  }

  /**
   * {@code glorot_uniform}: uniform in ±sqrt(6 / (fan_in + fan_out)), where for a 2-D kernel
   * fan_in is the row count and fan_out the column count.
   */
  public static Initializer glorotUniform() {
    return (shape, random) -> {
      long[] fans = fans(shape);
      double limit = Math.sqrt(6.0 / (fans[0] + fans[1]));
      return uniform(-limit, limit).initialize(shape, random);
    };
  }

  /**
   * {@code orthogonal} (gain 1), as Keras computes it: QR of a standard normal matrix of shape
   * (max(rows, cols), min(rows, cols)), columns signed by diag(R), transposed when rows < cols.
   * The result has orthonormal rows or columns, whichever is fewer.
   */
  public static Initializer orthogonal() {
    return (shape, random) -> {
      if (shape.length != 2) {
        throw new IllegalArgumentException("orthogonal initializer needs a 2-D shape");
      }
      int rows = Math.toIntExact(shape[0]);
      int cols = Math.toIntExact(shape[1]);
      int tall = Math.max(rows, cols);
      int narrow = Math.min(rows, cols);
      double[][] q = new double[narrow][tall]; // q[j] is column j of the tall matrix
      for (int i = 0; i < tall; i++) {
        for (int j = 0; j < narrow; j++) {
          q[j][i] = random.nextGaussian();
        }
      }
      orthonormalizeColumns(q);
      float[] values = new float[rows * cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          values[r * cols + c] = (float) (rows >= cols ? q[c][r] : q[r][c]);
        }
      }
      return values;
    };
  }

  /**
   * The LSTM bias with {@code unit_forget_bias=True}: zeros except the forget gate's block (the
   * second of the four i, f, c, o blocks), which starts at 1.
   */
  public static Initializer lstmUnitForgetBias(int units) {
    return (shape, random) -> {
      float[] values = new float[size(shape)];
      for (int i = units; i < 2 * units; i++) {
        values[i] = 1f;
      }
      return values;
    };
  }

  /**
   * Modified Gram-Schmidt in double precision. Equal to Householder QR followed by Keras's sign
   * correction (R's diagonal made positive), which is unique for a full-rank matrix.
   */
  private static void orthonormalizeColumns(double[][] columns) {
    for (int j = 0; j < columns.length; j++) {
      double[] v = columns[j];
      for (int k = 0; k < j; k++) {
        double dot = dot(columns[k], v);
        for (int i = 0; i < v.length; i++) {
          v[i] -= dot * columns[k][i];
        }
      }
      double norm = Math.sqrt(dot(v, v));
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static long[] fans(long[] shape) {
    if (shape.length < 1) {
      return new long[] {1, 1};
    }
    if (shape.length == 1) {
      return new long[] {shape[0], shape[0]};
    }
    long receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new long[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
  }

  static int size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }
}
