package dev.rnnkit.keras.hdf5;

import java.util.Arrays;

/**
 * An immutable float32 dataset of any rank (rank 0 is a scalar): its shape and its values in
 * row-major order, stored as IEEE 754 little-endian singles, bit for bit (NaN payloads, -0.0 and
 * subnormals included).
 */
public final class H5Dataset implements H5Node {

  /** HDF5's H5S_MAX_RANK: a dataspace has at most 32 dimensions. */
  static final int MAX_RANK = 32;

  private final long[] shape;
  private final float[] values;

  private H5Dataset(long[] shape, float[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** A float32 dataset of this shape holding these row-major values (both are copied). */
  public static H5Dataset float32(long[] shape, float[] values) {
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
    if (count != values.length) {
      throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + count
          + " values, got " + values.length);
    }
    return new H5Dataset(shape.clone(), values.clone());
  }

  public long[] shape() {
    return shape.clone();
  }

  public float[] values() {
    return values.clone();
  }

  /** The values without a copy, for the writer, which only reads them. */
  float[] valuesView() {
    return values;
  }

  /** Bytes of raw data in the file: four per value. */
  long dataSize() {
    return 4L * values.length;
  }
}
