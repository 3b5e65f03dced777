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
 * features [n, time, features], stored flat (row-major) so batches copy without boxing. A label
 * is one number (0/1, a class index, a target value), or a vector over classes (one-hot or
 * probabilities, for {@code categorical_crossentropy}: see {@link #withLabelVectors} and {@link
 * #withCategoricalLabels}).
 *
 * <p>Sequences all have {@link #timeSteps} steps, or, in <em>ragged</em> data (for models with
 * an open length), each its own {@link #length}; a batch of ragged data is padded after each
 * sequence's end with id 0 (or 0.0 features) to the batch's longest, or to a given length.
 */
public final class SequenceData {

  /** {@link #timeSteps} of ragged data: its sequences have their own lengths. */
  public static final int RAGGED = -1;

  private final int size;
  private final int timeSteps; // RAGGED for ragged data
  private final int features; // 0 for token ids
  private final int[] tokens;
  private final float[] values;
  private final float[] labels; // null when unlabelled; label vectors flat, row-major
  private final int labelVectorSize; // 0: one number per sequence; K: a vector of K
  private final int[] offsets; // ragged only: sequence i's steps are [offsets[i], offsets[i+1])

  private SequenceData(
      int size, int timeSteps, int features, int[] tokens, float[] values, float[] labels) {
    this(size, timeSteps, features, tokens, values, labels, null, 0);
  }

  private SequenceData(int size, int timeSteps, int features, int[] tokens, float[] values,
      float[] labels, int[] offsets) {
    this(size, timeSteps, features, tokens, values, labels, offsets, 0);
  }

  private SequenceData(int size, int timeSteps, int features, int[] tokens, float[] values,
      float[] labels, int[] offsets, int labelVectorSize) {
    if (labels != null && labels.length != size * Math.max(1, labelVectorSize)) {
      throw new IllegalArgumentException(
          "Got " + size + " sequences but " + labels.length + " labels: give one label per sequence");
    }
    this.size = size;
    this.timeSteps = timeSteps;
    this.features = features;
    this.tokens = tokens;
    this.values = values;
    this.labels = labels;
    this.offsets = offsets;
    this.labelVectorSize = labelVectorSize;
  }

  /**
   * Token-id sequences of any lengths (at least 1 step each), for a model with an open length;
   * {@code labels} may be null.
   */
  public static SequenceData ofRaggedTokens(int[][] sequences, float[] labels) {
    int[] offsets = offsets(Arrays.stream(sequences).mapToInt(s -> s.length).toArray());
    int[] flat = new int[offsets[sequences.length]];
    for (int i = 0; i < sequences.length; i++) {
      System.arraycopy(sequences[i], 0, flat, offsets[i], sequences[i].length);
    }
    return new SequenceData(sequences.length, RAGGED, 0, flat, null,
        labels == null ? null : labels.clone(), offsets);
  }

  /**
   * Float sequences [n][own length][features] of any lengths (at least 1 step each), for a model
   * with an open length; {@code labels} may be null.
   */
  public static SequenceData ofRaggedFeatures(float[][][] sequences, float[] labels) {
    int[] offsets = offsets(Arrays.stream(sequences).mapToInt(s -> s.length).toArray());
    int width = sequences.length == 0 ? 1 : sequences[0][0].length;
    float[] flat = new float[offsets[sequences.length] * width];
    for (int i = 0; i < sequences.length; i++) {
      for (int t = 0; t < sequences[i].length; t++) {
        if (sequences[i][t].length != width) {
          throw new IllegalArgumentException("Sequence " + i + " has a step of "
              + sequences[i][t].length + " features, expected " + width);
        }
        System.arraycopy(sequences[i][t], 0, flat, (offsets[i] + t) * width, width);
      }
    }
    return new SequenceData(sequences.length, RAGGED, width, null, flat,
        labels == null ? null : labels.clone(), offsets);
  }

  private static int[] offsets(int[] lengths) {
    int[] offsets = new int[lengths.length + 1];
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] < 1) {
        throw new IllegalArgumentException("Sequence " + i + " is empty: every sequence needs at"
            + " least one step (drop empty texts, or give them a start token)");
      }
      offsets[i + 1] = Math.addExact(offsets[i], lengths[i]);
    }
    return offsets;
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

  /** The steps of every sequence, or {@link #RAGGED} when each has its own {@link #length}. */
  public int timeSteps() {
    return timeSteps;
  }

  public boolean isRagged() {
    return offsets != null;
  }

  /** The number of steps of sequence {@code i}. */
  public int length(int i) {
    return offsets == null ? timeSteps : offsets[i + 1] - offsets[i];
  }

  /** The first step of sequence {@code i} in the flat storage. */
  private int start(int i) {
    return offsets == null ? i * timeSteps : offsets[i];
  }

  /** The longest sequence of {@code order[from..to)}: a batch's length before any padding. */
  public int batchLength(int[] order, int from, int to) {
    int longest = 0;
    for (int r = from; r < to; r++) {
      longest = Math.max(longest, length(order[r]));
    }
    return longest;
  }

  /**
   * Whether the padding of the sequences {@code order[from..to)} (id 0, or steps of all 0.0
   * features) comes only after each sequence's other steps, as when RNNKit pads ragged data:
   * then a mask of that padding keeps each sequence's first steps.
   */
  public boolean isPostPadded(int[] order, int from, int to) {
    for (int r = from; r < to; r++) {
      int i = order[r];
      boolean padding = false;
      for (int t = 0; t < length(i); t++) {
        boolean pad = isPaddingStep(start(i) + t, 0f);
        if (padding && !pad) {
          return false;
        }
        padding |= pad;
      }
    }
    return true;
  }

  private boolean isPaddingStep(int step, float padding) {
    if (tokens != null) {
      return tokens[step] == 0;
    }
    for (int f = 0; f < features; f++) {
      if (values[step * features + f] != padding) {
        return false;
      }
    }
    return true;
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

  /**
   * The label of sequence {@code i}.
   *
   * @throws IllegalStateException if the labels are vectors (see {@link #labelVector})
   */
  public float label(int i) {
    if (labelVectorSize > 0) {
      throw new IllegalStateException("The labels are vectors of " + labelVectorSize
          + " values: read them with labelVector(i)");
    }
    return labels[i];
  }

  /**
   * The length of each sequence's label vector, or 0 when each sequence's label is one number
   * (see {@link #label}).
   */
  public int labelVectorSize() {
    return labelVectorSize;
  }

  /** The label vector of sequence {@code i} (a copy); only for labels given as vectors. */
  public float[] labelVector(int i) {
    if (labelVectorSize == 0) {
      throw new IllegalStateException("The labels are one number per sequence: read them with"
          + " label(i)");
    }
    return Arrays.copyOfRange(labels, i * labelVectorSize, (i + 1) * labelVectorSize);
  }

  /**
   * These sequences with a label vector each ({@code rows[i]} for sequence i, one value per
   * class, one-hot or probabilities), as Keras's {@code categorical_crossentropy} takes them.
   *
   * @throws IllegalArgumentException unless there is one row per sequence, all rows have the
   *     same length (at least 1), and every value is finite and non-negative
   */
  public SequenceData withLabelVectors(float[][] rows) {
    if (rows.length != size) {
      throw new IllegalArgumentException("Got " + size + " sequences but " + rows.length
          + " label vectors: give one label vector per sequence");
    }
    int width = rows.length == 0 ? 1 : rows[0].length;
    if (width < 1) {
      throw new IllegalArgumentException("Label vector 0 is empty: give one value per class");
    }
    float[] flat = new float[size * width];
    for (int i = 0; i < size; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException("Label vector " + i + " has " + rows[i].length
            + " values but label vector 0 has " + width + ": give every sequence one value per"
            + " class");
      }
      for (int c = 0; c < width; c++) {
        float v = rows[i][c];
        if (!Float.isFinite(v) || v < 0) {
          throw new IllegalArgumentException("Label vector " + i + " has " + v + " at class " + c
              + ": label vectors hold one-hot values or probabilities (finite, at least 0)");
        }
      }
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return new SequenceData(size, timeSteps, features, tokens, values, flat, offsets, width);
  }

  /**
   * These sequences with their class-index labels (0 to classes - 1) one-hot encoded, as Keras's
   * {@code to_categorical(y, num_classes=classes)}: the labels {@code categorical_crossentropy}
   * takes for what {@code sparse_categorical_crossentropy} takes as indices.
   *
   * @throws IllegalArgumentException if a label is not a whole number in [0, classes)
   */
  public SequenceData withCategoricalLabels(int classes) {
    if (labels == null || labelVectorSize > 0) {
      throw new IllegalArgumentException("Only class-index labels (one number per sequence) can"
          + " be one-hot encoded; these sequences have " + (labels == null ? "no labels"
          : "label vectors already"));
    }
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      if (labels[i] != Math.rint(labels[i])) {
        throw new IllegalArgumentException("Label " + labels[i] + " of sequence " + i
            + " is not a class index: one-hot encoding takes whole numbers 0 to " + (classes - 1));
      }
      ids[i] = (int) labels[i];
    }
    return withLabelVectors(toCategorical(ids, classes));
  }

  /**
   * Keras's {@code to_categorical(ids, num_classes)}: row i is 1 at {@code ids[i]}, 0 elsewhere.
   * {@code numClasses} 0 means the largest id + 1, as Keras's default {@code None}.
   *
   * @throws IllegalArgumentException for an id outside [0, numClasses)
   */
  public static float[][] toCategorical(int[] ids, int numClasses) {
    int classes = numClasses > 0 ? numClasses : Arrays.stream(ids).max().orElse(-1) + 1;
    float[][] rows = new float[ids.length][classes];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= classes) {
        throw new IllegalArgumentException("Class " + ids[i] + " of sequence " + i
            + " is outside [0, " + classes + "): class indices run from 0 to number of"
            + " classes - 1");
      }
      rows[i][ids[i]] = 1f;
    }
    return rows;
  }

  /** Shape of one batch's input tensor, with {@code batch} rows (time -1 for ragged data). */
  public Shape inputShape(long batch) {
    return inputShape(batch, timeSteps);
  }

  private Shape inputShape(long batch, int steps) {
    return isTokens() ? Shape.of(batch, steps) : Shape.of(batch, steps, features);
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
    for (int i = 0; i < size; i++) {
      for (int k = start(i); k < start(i) + length(i); k++) {
        if (tokens[k] < 0 || tokens[k] >= limit) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The token ids of sequence {@code i}. */
  public int[] tokensOf(int i) {
    return Arrays.copyOfRange(tokens, start(i), start(i) + length(i));
  }

  /** Index of the sequence of the first label value that is not exactly 0 or 1, or -1. */
  public int firstNonBinaryLabel() {
    for (int k = 0; k < labels.length; k++) {
      if (labels[k] != 0f && labels[k] != 1f) {
        return k / labelStride();
      }
    }
    return -1;
  }

  /** Label values per sequence in storage. */
  private int labelStride() {
    return Math.max(1, labelVectorSize);
  }

  /** Index of the first non-finite feature value or label, or -1. */
  public int firstNonFinite() {
    if (values != null) {
      for (int i = 0; i < size; i++) {
        for (int k = start(i) * features; k < (start(i) + length(i)) * features; k++) {
          if (!Float.isFinite(values[k])) {
            return i;
          }
        }
      }
    }
    if (labels != null) {
      for (int k = 0; k < labels.length; k++) {
        if (!Float.isFinite(labels[k])) {
          return k / labelStride();
        }
      }
    }
    return -1;
  }

  /**
   * The input tensor of the sequences {@code order[from..to)}, ragged ones padded to the batch's
   * longest; the caller closes it.
   */
  public Tensor inputBatch(int[] order, int from, int to) {
    return inputBatch(order, from, to, offsets == null ? timeSteps : batchLength(order, from, to));
  }

  /**
   * As {@link #inputBatch(int[], int, int)}, each sequence padded after its end to
   * {@code steps} (at least {@link #batchLength}); the caller closes it.
   */
  public Tensor inputBatch(int[] order, int from, int to, int steps) {
    int longest = batchLength(order, from, to);
    if (steps < longest) {
      throw new IllegalArgumentException("A batch of sequences up to " + longest
          + " steps cannot be padded to " + steps);
    }
    int rows = to - from;
    int width = isTokens() ? 1 : features;
    int row = steps * width;
    if (isTokens()) {
      int[] batch = new int[rows * row];
      for (int r = 0; r < rows; r++) {
        int i = order[from + r];
        System.arraycopy(tokens, start(i), batch, r * row, length(i));
      }
      return TInt32.tensorOf(inputShape(rows, steps), DataBuffers.of(batch, true, false));
    }
    float[] batch = new float[rows * row];
    for (int r = 0; r < rows; r++) {
      int i = order[from + r];
      System.arraycopy(values, start(i) * width, batch, r * row, length(i) * width);
    }
    return TFloat32.tensorOf(inputShape(rows, steps), DataBuffers.of(batch, true, false));
  }

  /**
   * The labels of the sequences {@code order[from..to)} as a [rows] tensor, or [rows, K] for
   * label vectors of K values.
   */
  public TFloat32 labelBatch(int[] order, int from, int to) {
    int rows = to - from;
    int stride = labelStride();
    float[] batch = new float[rows * stride];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(labels, order[from + r] * stride, batch, r * stride, stride);
    }
    Shape shape = labelVectorSize > 0 ? Shape.of(rows, labelVectorSize) : Shape.of(rows);
    return TFloat32.tensorOf(shape, DataBuffers.of(batch, true, false));
  }

  /**
   * Feeds the content (sizes, ids or values, labels) to {@code digest}: equal digests mean the
   * same sequences and labels in the same order.
   */
  public void addTo(MessageDigest digest) {
    digest.update(ByteBuffer.allocate(16).putInt(size).putInt(timeSteps).putInt(features)
        .putInt(labels == null ? 0 : labelVectorSize == 0 ? 1 : -labelVectorSize).array());
    if (offsets != null) {
      ByteBuffer bytes = ByteBuffer.allocate(offsets.length * Integer.BYTES);
      bytes.asIntBuffer().put(offsets);
      digest.update(bytes.array());
    }
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
    if (offsets != null) {
      return raggedSubset(indices);
    }
    int row = isTokens() ? timeSteps : timeSteps * features;
    float[] newLabels = labelsOf(indices);
    if (isTokens()) {
      int[] t = new int[indices.length * row];
      for (int i = 0; i < indices.length; i++) {
        System.arraycopy(tokens, indices[i] * row, t, i * row, row);
      }
      return new SequenceData(indices.length, timeSteps, 0, t, null, newLabels, null,
          labelVectorSize);
    }
    float[] v = new float[indices.length * row];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * row, v, i * row, row);
    }
    return new SequenceData(indices.length, timeSteps, features, null, v, newLabels, null,
        labelVectorSize);
  }

  /** The labels of the sequences at {@code indices}, in that order; null when unlabelled. */
  private float[] labelsOf(int[] indices) {
    if (labels == null) {
      return null;
    }
    int stride = labelStride();
    float[] out = new float[indices.length * stride];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(labels, indices[i] * stride, out, i * stride, stride);
    }
    return out;
  }

  /** Sequences {@code [from, to)}. */
  public SequenceData slice(int from, int to) {
    int[] idx = new int[to - from];
    Arrays.setAll(idx, i -> from + i);
    return subset(idx);
  }

  private SequenceData raggedSubset(int[] indices) {
    int[] lengths = Arrays.stream(indices).map(this::length).toArray();
    int[] newOffsets = offsets(lengths);
    int width = isTokens() ? 1 : features;
    int[] t = isTokens() ? new int[newOffsets[indices.length]] : null;
    float[] v = isTokens() ? null : new float[newOffsets[indices.length] * width];
    for (int i = 0; i < indices.length; i++) {
      if (isTokens()) {
        System.arraycopy(tokens, start(indices[i]), t, newOffsets[i], lengths[i]);
      } else {
        System.arraycopy(values, start(indices[i]) * width, v, newOffsets[i] * width,
            lengths[i] * width);
      }
    }
    return new SequenceData(indices.length, RAGGED, features, t, v, labelsOf(indices), newOffsets,
        labelVectorSize);
  }
}
