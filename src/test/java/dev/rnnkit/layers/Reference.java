package dev.rnnkit.layers;

/**
 * Plain double-precision implementations of the Keras formulas in KERAS_FACTS.md, written
 * independently of the graph code: the oracle for the layer tests.
 */
final class Reference {

  private Reference() {}

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** x[d] times w[d][n]. */
  static double[] matVec(double[] x, double[][] w) {
    double[] y = new double[w[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        y[j] += x[i] * w[i][j];
      }
    }
    return y;
  }

  /** Keras LSTM; returns every step's h [time][units]. Gates i, f, c, o. */
  static double[][] lstm(double[][] x, double[][] kernel, double[][] recurrent, double[] bias) {
    int u = recurrent.length;
    double[] h = new double[u];
    double[] c = new double[u];
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] zx = matVec(x[t], kernel);
      double[] zh = matVec(h, recurrent);
      double[] newH = new double[u];
      double[] newC = new double[u];
      for (int k = 0; k < u; k++) {
        double i = sigmoid(zx[k] + zh[k] + bias[k]);
        double f = sigmoid(zx[u + k] + zh[u + k] + bias[u + k]);
        double g = Math.tanh(zx[2 * u + k] + zh[2 * u + k] + bias[2 * u + k]);
        double o = sigmoid(zx[3 * u + k] + zh[3 * u + k] + bias[3 * u + k]);
        newC[k] = f * c[k] + i * g;
        newH[k] = o * Math.tanh(newC[k]);
      }
      h = newH;
      c = newC;
      out[t] = h;
    }
    return out;
  }

  /** Keras GRU with reset_after=True; bias [2][3u]. Gates z, r, h. */
  static double[][] gruResetAfter(double[][] x, double[][] kernel, double[][] recurrent, double[][] bias) {
    int u = recurrent.length;
    double[] h = new double[u];
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] mx = matVec(x[t], kernel);
      double[] mh = matVec(h, recurrent);
      double[] newH = new double[u];
      for (int k = 0; k < u; k++) {
        double z = sigmoid(mx[k] + bias[0][k] + mh[k] + bias[1][k]);
        double r = sigmoid(mx[u + k] + bias[0][u + k] + mh[u + k] + bias[1][u + k]);
        double hh = Math.tanh(mx[2 * u + k] + bias[0][2 * u + k] + r * (mh[2 * u + k] + bias[1][2 * u + k]));
        newH[k] = z * h[k] + (1 - z) * hh;
      }
      h = newH;
      out[t] = h;
    }
    return out;
  }

  /** Keras GRU with reset_after=False (Cho et al. 2014); bias [3u]. */
  static double[][] gruResetBefore(double[][] x, double[][] kernel, double[][] recurrent, double[] bias) {
    int u = recurrent.length;
    double[] h = new double[u];
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] mx = matVec(x[t], kernel);
      double[] mh = matVec(h, recurrent);
      double[] z = new double[u];
      double[] rh = new double[u];
      for (int k = 0; k < u; k++) {
        z[k] = sigmoid(mx[k] + mh[k] + bias[k]);
        double r = sigmoid(mx[u + k] + mh[u + k] + bias[u + k]);
        rh[k] = r * h[k];
      }
      double[] newH = new double[u];
      for (int k = 0; k < u; k++) {
        double acc = mx[2 * u + k] + bias[2 * u + k];
        for (int j = 0; j < u; j++) {
          acc += rh[j] * recurrent[j][2 * u + k];
        }
        newH[k] = z[k] * h[k] + (1 - z[k]) * Math.tanh(acc);
      }
      h = newH;
      out[t] = h;
    }
    return out;
  }

  static double[] dense(double[] x, double[][] kernel, double[] bias, Activation activation) {
    double[] y = matVec(x, kernel);
    for (int j = 0; j < y.length; j++) {
      y[j] += bias[j];
    }
    switch (activation) {
      case RELU -> { for (int j = 0; j < y.length; j++) y[j] = Math.max(0, y[j]); }
      case SIGMOID -> { for (int j = 0; j < y.length; j++) y[j] = sigmoid(y[j]); }
      case TANH -> { for (int j = 0; j < y.length; j++) y[j] = Math.tanh(y[j]); }
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) max = Math.max(max, v);
        double sum = 0;
        for (int j = 0; j < y.length; j++) { y[j] = Math.exp(y[j] - max); sum += y[j]; }
        for (int j = 0; j < y.length; j++) y[j] /= sum;
      }
      // Keras 3's hard_sigmoid: clip(x / 6 + 0.5, 0, 1).
      case HARD_SIGMOID -> { for (int j = 0; j < y.length; j++) y[j] = Math.min(1, Math.max(0, y[j] / 6 + 0.5)); }
      case SOFTSIGN -> { for (int j = 0; j < y.length; j++) y[j] = y[j] / (1 + Math.abs(y[j])); }
      case LINEAR -> { }
    }
    return y;
  }

  /** Reshapes row-major floats to [rows][cols] doubles. */
  static double[][] matrix(float[] flat, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r][c] = flat[r * cols + c];
      }
    }
    return m;
  }

  static double[] vector(float[] flat) {
    double[] v = new double[flat.length];
    for (int i = 0; i < flat.length; i++) {
      v[i] = flat[i];
    }
    return v;
  }
}
