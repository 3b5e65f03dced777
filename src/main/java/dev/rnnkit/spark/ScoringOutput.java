package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.TensorSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The signature output that becomes the score column: a number per row when a row's output holds
 * one value (a sigmoid's probability, a regression), else an array, nested as the output's rank.
 *
 * @param key the signature's output key
 * @param dtype DT_FLOAT, DT_DOUBLE, DT_INT32 or DT_INT64
 * @param rank 0 for a number per row ([batch] or [batch, 1]), else the rank of one row's output
 */
record ScoringOutput(String key, org.tensorflow.proto.DataType dtype, int rank)
    implements Serializable {

  /**
   * The output {@code spec} as a column.
   *
   * @throws IllegalArgumentException if its dtype or rank cannot be a column
   */
  static ScoringOutput of(TensorSpec spec) {
    var dtype = spec.dtype();
    if (!List.of(org.tensorflow.proto.DataType.DT_FLOAT, org.tensorflow.proto.DataType.DT_DOUBLE,
        org.tensorflow.proto.DataType.DT_INT32, org.tensorflow.proto.DataType.DT_INT64).contains(dtype)) {
      throw new IllegalArgumentException("Output '" + spec.key() + "' is " + spec.summary()
          + ": only DT_FLOAT, DT_DOUBLE, DT_INT32 and DT_INT64 outputs become a score column");
    }
    if (spec.shape().unknownRank()) {
      throw new IllegalArgumentException("Output '" + spec.key() + "' is " + spec.summary()
          + ": its signature declares no shape, so the score column's type cannot be known"
          + " before the job runs; choose an output with a declared shape (setOutputKey,"
          + " --output-key)");
    }
    if (spec.shape().dims().isEmpty()) {
      throw new IllegalArgumentException("Output '" + spec.key() + "' is " + spec.summary()
          + ": a scalar, not one value per input row; choose another output (setOutputKey,"
          + " --output-key)");
    }
    List<Long> rowDims = spec.shape().dims().subList(1, spec.shape().dims().size());
    // [batch] and [batch, 1] are one number per row; anything else keeps its rank.
    boolean single = rowDims.isEmpty() || (rowDims.size() == 1 && rowDims.get(0) == 1);
    return new ScoringOutput(spec.key(), dtype, single ? 0 : rowDims.size());
  }

  DataType sparkType() {
    DataType type = switch (dtype) {
      case DT_FLOAT -> DataTypes.FloatType;
      case DT_DOUBLE -> DataTypes.DoubleType;
      case DT_INT32 -> DataTypes.IntegerType;
      default -> DataTypes.LongType;
    };
    for (int i = 0; i < rank; i++) {
      type = DataTypes.createArrayType(type, false);
    }
    return type;
  }

  /** The first {@code rows} rows of {@code output} as column values. */
  List<Object> rows(Tensor output, int rows) {
    long[] shape = output.shape().asArray();
    Object[] flat = flat(output);
    if (shape.length == 0 || shape[0] < rows) {
      throw new IllegalStateException("Output '" + key + "' has shape " + output.shape()
          + ", not one row for each of the " + rows + " rows of the batch");
    }
    int perRow = Math.toIntExact(flat.length / shape[0]);
    boolean fits = rank == 0 ? perRow == 1 : shape.length - 1 == rank;
    if (!fits) {
      throw new IllegalStateException("Output '" + key + "' came out of shape " + output.shape()
          + ", which does not match its signature's declared shape (a score column of rank "
          + rank + "); the model does not keep its own signature");
    }
    List<Object> values = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      values.add(rank == 0 ? flat[r * perRow] : nest(flat, r * perRow, shape, 1));
    }
    return values;
  }

  private static List<Object> nest(Object[] flat, int start, long[] shape, int axis) {
    int size = Math.toIntExact(shape[axis]);
    int stride = 1;
    for (int a = axis + 1; a < shape.length; a++) {
      stride = Math.multiplyExact(stride, Math.toIntExact(shape[a]));
    }
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(axis == shape.length - 1 ? flat[start + i] : nest(flat, start + i * stride, shape, axis + 1));
    }
    return list;
  }

  private Object[] flat(Tensor output) {
    int n = Math.toIntExact(output.shape().size());
    Object[] values = new Object[n];
    if (output instanceof TFloat32 t) {
      float[] a = new float[n];
      t.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        values[i] = a[i];
      }
    } else if (output instanceof TFloat64 t) {
      double[] a = new double[n];
      t.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        values[i] = a[i];
      }
    } else if (output instanceof TInt32 t) {
      int[] a = new int[n];
      t.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        values[i] = a[i];
      }
    } else if (output instanceof TInt64 t) {
      long[] a = new long[n];
      t.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        values[i] = a[i];
      }
    } else {
      throw new IllegalStateException("Output '" + key + "' is a " + output.dataType()
          + " tensor, not the " + dtype.name() + " its signature declares");
    }
    return values;
  }
}
