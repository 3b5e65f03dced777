package dev.rnnkit.keras.hdf5;

import java.util.Arrays;

/**
 * An immutable dataset of any rank (rank 0 is a scalar): its shape and its values in row-major
 * order, either float32 (IEEE 754 little-endian singles, bit for bit: NaN payloads, -0.0 and
 * subnormals included), which every Keras weight is, or int64 (signed little-endian), which is
 * what Keras on TensorFlow saves its optimizer's {@code iteration} as.
 */
public final class H5Dataset implements H5Node {

  /** HDF5's H5S_MAX_RANK: a dataspace has at most 32 dimensions. */
  static final int MAX_RANK = 32;

  private final long[] shape;
  private final float[] values;
  private final long[] integers;

  private H5Dataset(long[] shape, float[] values, long[] integers) {
    this.shape = shape;
    this.values = values;
    this.integers = integers;
  }

  /** A float32 dataset of this shape holding these row-major values (both are copied). */
  public static H5Dataset float32(long[] shape, float[] values) {
    checkShape(shape, values.length);
    return new H5Dataset(shape.clone(), values.clone(), null);
  }

  /** An int64 dataset of this shape holding these row-major values (both are copied). */
  public static H5Dataset int64(long[] shape, long[] values) {
    checkShape(shape, values.length);
    return new H5Dataset(shape.clone(), null, values.clone());
  }

  private static void checkShape(long[] shape, int valueCount) {
    if (shape.length > MAX_RANK) {
      throw new IllegalArgumentException(
          "An HDF5 dataset has at most " + MAX_RANK + " dimensions, got " + shape.length);
    }
    long count = 1;
    for (long dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("Negative dimension in " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, dimension);
    }
    if (count != valueCount) {
      throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + count
          + " values, got " + valueCount);
    }
  }

  public long[] shape() {
    return shape.clone();
  }

  /** Whether it holds int64 values ({@link #integers()}) rather than float32 ({@link #values()}). */
  public boolean isInt64() {
    return integers != null;
  }

  /** A float32 dataset's values. */
  public float[] values() {
    if (values == null) {
      throw new IllegalStateException("An int64 dataset has no float values; read integers()");
    }
    return values.clone();
  }

  /** An int64 dataset's values. */
  public long[] integers() {
    if (integers == null) {
      throw new IllegalStateException("A float32 dataset has no integer values; read values()");
    }
    return integers.clone();
  }

  /** A float32 dataset's values without a copy (null for int64), for the writer. */
  float[] valuesView() {
    return values;
  }

  /** An int64 dataset's values without a copy (null for float32), for the writer. */
  long[] integersView() {
    return integers;
  }

  /** Bytes of raw data in the file: four per float32 value, eight per int64 value. */
  long dataSize() {
    return values != null ? 4L * values.length : 8L * integers.length;
  }
}
