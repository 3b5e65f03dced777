package dev.rnnkit.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A batch-able set of sequences with one label each: either token ids [n, time] or float
 * features [n, time, features], stored flat (row-major) so batches copy without boxing.
 */
public final class SequenceData {

  private final int size;
  private final int timeSteps;
  private final int features; // 0 for token ids
  private final int[] tokens;
  private final float[] values;
  private final float[] labels; // null when unlabelled

  private SequenceData(
      int size, int timeSteps, int features, int[] tokens, float[] values, float[] labels) {
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException(
          "Got " + size + " sequences but " + labels.length + " labels: give one label per sequence");
    }
    this.size = size;
    this.timeSteps = timeSteps;
    this.features = features;
    this.tokens = tokens;
    this.values = values;
    this.labels = labels;
  }

  /** Token-id sequences, all of the same length; {@code labels} may be null. */
  public static SequenceData ofTokens(int[][] sequences, float[] labels) {
    if (sequences.length == 0) {
      return new SequenceData(0, 0, 0, new int[0], null, labels == null ? null : labels.clone());
    }
    int time = sequences[0].length;
    int[] flat = new int[sequences.length * time];
    for (int i = 0; i < sequences.length; i++) {
      if (sequences[i].length != time) {
        throw new IllegalArgumentException(
            "Sequence " + i + " has length " + sequences[i].length + " but sequence 0 has " + time
                + ": pad or truncate all sequences to one length (see TextVectorizer)");
      }
      System.arraycopy(sequences[i], 0, flat, i * time, time);
    }
    return new SequenceData(sequences.length, time, 0, flat, null, labels == null ? null : labels.clone());
  }

  /** Token ids given flat, row-major [n, timeSteps]. The arrays are not copied. */
  public static SequenceData ofTokens(int timeSteps, int[] flatTokens, float[] labels) {
    if (timeSteps <= 0 || flatTokens.length % timeSteps != 0) {
      throw new IllegalArgumentException(
          flatTokens.length + " token ids do not form rows of " + timeSteps + " time steps");
    }
    return new SequenceData(flatTokens.length / timeSteps, timeSteps, 0, flatTokens, null, labels);
  }

  /** Float sequences [n][time][features]; {@code labels} may be null. */
  public static SequenceData ofFeatures(float[][][] sequences, float[] labels) {
    if (sequences.length == 0 || sequences[0].length == 0) {
      return new SequenceData(0, 0, 1, null, new float[0], labels == null ? null : labels.clone());
    }
    int time = sequences[0].length;
    int width = sequences[0][0].length;
    float[] flat = new float[sequences.length * time * width];
    int k = 0;
    for (int i = 0; i < sequences.length; i++) {
      if (sequences[i].length != time) {
        throw new IllegalArgumentException(
            "Sequence " + i + " has " + sequences[i].length + " time steps but sequence 0 has " + time);
      }
      for (float[] step : sequences[i]) {
        if (step.length != width) {
          throw new IllegalArgumentException(
              "Sequence " + i + " has a step of " + step.length + " features, expected " + width);
        }
        System.arraycopy(step, 0, flat, k, width);
        k += width;
      }
    }
    return new SequenceData(sequences.length, time, width, null, flat, labels == null ? null : labels.clone());
  }

  public int size() {
    return size;
  }

  public int timeSteps() {
    return timeSteps;
  }

  /** Width of each step's vector; 0 for token ids. */
  public int features() {
    return features;
  }

  public boolean isTokens() {
    return tokens != null;
  }

  public boolean hasLabels() {
    return labels != null;
  }

  /** The label of sequence {@code i}. */
  public float label(int i) {
    return labels[i];
  }

  /** Shape of one batch's input tensor, with {@code batch} rows. */
  public Shape inputShape(long batch) {
    return isTokens() ? Shape.of(batch, timeSteps) : Shape.of(batch, timeSteps, features);
  }

  /** Smallest and largest token id; only for token data. */
  public int[] tokenRange() {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int t : tokens) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    return new int[] {min, max};
  }

  /** Index of the first sequence holding a token id outside [0, limit), or -1. */
  public int firstSequenceWithTokenOutside(int limit) {
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= limit) {
        return i / timeSteps;
      }
    }
    return -1;
  }

  /** The token ids of sequence {@code i}. */
  public int[] tokensOf(int i) {
    return java.util.Arrays.copyOfRange(tokens, i * timeSteps, (i + 1) * timeSteps);
  }

  /** Index of the first label that is not exactly 0 or 1, or -1. */
  public int firstNonBinaryLabel() {
    for (int i = 0; i < size; i++) {
      if (labels[i] != 0f && labels[i] != 1f) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first non-finite feature value or label, or -1. */
  public int firstNonFinite() {
    if (values != null) {
      int row = timeSteps * features;
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          return i / row;
        }
      }
    }
    if (labels != null) {
      for (int i = 0; i < size; i++) {
        if (!Float.isFinite(labels[i])) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The input tensor of the sequences {@code order[from..to)}; the caller closes it. */
  public Tensor inputBatch(int[] order, int from, int to) {
    int rows = to - from;
    int row = isTokens() ? timeSteps : timeSteps * features;
    if (isTokens()) {
      int[] batch = new int[rows * row];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(tokens, order[from + r] * row, batch, r * row, row);
      }
      return TInt32.tensorOf(inputShape(rows), DataBuffers.of(batch, true, false));
    }
    float[] batch = new float[rows * row];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, order[from + r] * row, batch, r * row, row);
    }
    return TFloat32.tensorOf(inputShape(rows), DataBuffers.of(batch, true, false));
  }

  /** The labels of the sequences {@code order[from..to)} as a [rows] tensor. */
  public TFloat32 labelBatch(int[] order, int from, int to) {
    float[] batch = new float[to - from];
    for (int r = 0; r < batch.length; r++) {
      batch[r] = labels[order[from + r]];
    }
    return TFloat32.tensorOf(Shape.of(batch.length), DataBuffers.of(batch, true, false));
  }

  /**
   * Feeds the content (sizes, ids or values, labels) to {@code digest}: equal digests mean the
   * same sequences and labels in the same order.
   */
  public void addTo(MessageDigest digest) {
    digest.update(ByteBuffer.allocate(16).putInt(size).putInt(timeSteps).putInt(features)
        .putInt(labels == null ? 0 : 1).array());
    if (isTokens()) {
      ByteBuffer bytes = ByteBuffer.allocate(tokens.length * Integer.BYTES);
      bytes.asIntBuffer().put(tokens);
      digest.update(bytes.array());
    } else {
      addTo(digest, values);
    }
    if (labels != null) {
      addTo(digest, labels);
    }
  }

  private static void addTo(MessageDigest digest, float[] floats) {
    ByteBuffer bytes = ByteBuffer.allocate(floats.length * Float.BYTES);
    bytes.asFloatBuffer().put(floats);
    digest.update(bytes.array());
  }

  /** The identity order 0..size-1. */
  public int[] naturalOrder() {
    int[] order = new int[size];
    Arrays.setAll(order, i -> i);
    return order;
  }

  /** The sequences at {@code indices}, in that order. */
  public SequenceData subset(int[] indices) {
    int row = isTokens() ? timeSteps : timeSteps * features;
    float[] newLabels = labels == null ? null : new float[indices.length];
    if (isTokens()) {
      int[] t = new int[indices.length * row];
      for (int i = 0; i < indices.length; i++) {
        System.arraycopy(tokens, indices[i] * row, t, i * row, row);
        if (newLabels != null) newLabels[i] = labels[indices[i]];
      }
      return new SequenceData(indices.length, timeSteps, 0, t, null, newLabels);
    }
    float[] v = new float[indices.length * row];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * row, v, i * row, row);
      if (newLabels != null) newLabels[i] = labels[indices[i]];
    }
    return new SequenceData(indices.length, timeSteps, features, null, v, newLabels);
  }

  /** Sequences {@code [from, to)}. */
  public SequenceData slice(int from, int to) {
    int[] idx = new int[to - from];
    Arrays.setAll(idx, i -> from + i);
    return subset(idx);
  }
}
