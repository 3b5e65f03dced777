package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.TensorSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The signature input a column feeds: text for a DT_STRING input of one string per row (RNNKit's
 * {@code serving_text}), numbers or nested arrays of numbers for a numeric one. Checks each row
 * against the declared shape and stacks a batch into one tensor.
 *
 * @param key the signature's input key
 * @param dtype DT_STRING, DT_FLOAT, DT_DOUBLE, DT_INT32 or DT_INT64
 * @param rowDims the declared shape without the batch dimension, -1 where any size goes; null
 *     when the signature declares no rank
 */
record ScoringInput(String key, org.tensorflow.proto.DataType dtype, long[] rowDims)
    implements Serializable {

  /**
   * One row made ready: its text, or its numbers (as doubles for a float input, as longs for an
   * integer one) in the shape they will have in the batch.
   */
  record Prepared(String text, long[] shape, double[] doubles, long[] longs) {

    /** Rows with the same key go into one call: numeric rows of one shape, or any texts. */
    String groupKey() {
      return text != null ? "" : Arrays.toString(shape);
    }
  }

  private static final List<org.tensorflow.proto.DataType> NUMERIC = List.of(
      org.tensorflow.proto.DataType.DT_FLOAT, org.tensorflow.proto.DataType.DT_DOUBLE,
      org.tensorflow.proto.DataType.DT_INT32, org.tensorflow.proto.DataType.DT_INT64);

  /**
   * The input {@code spec} fed from a column of {@code columnType}.
   *
   * @throws IllegalArgumentException if the column cannot feed it, saying what would
   */
  static ScoringInput of(TensorSpec spec, String column, DataType columnType) {
    long[] rowDims = null;
    if (!spec.shape().unknownRank()) {
      List<Long> dims = spec.shape().dims();
      if (dims.isEmpty()) {
        throw new IllegalArgumentException("Input '" + spec.key() + "' is a scalar ("
            + spec.summary() + "), not one value per row: a batch of rows cannot feed it");
      }
      rowDims = dims.subList(1, dims.size()).stream().mapToLong(Long::longValue).toArray();
    }
    var dtype = spec.dtype();
    if (!spec.shape().unknownRank() && spec.shape().dims().get(0) >= 0) {
      throw new IllegalArgumentException("Input '" + spec.key() + "' takes batches of exactly "
          + spec.shape().dims().get(0) + " rows (" + spec.summary() + "); set the batch size to"
          + " that (setBatchSize, --batch-size), as every call is filled up to the batch size");
    }
    if (dtype == org.tensorflow.proto.DataType.DT_STRING) {
      if (!columnType.equals(DataTypes.StringType)) {
        throw new IllegalArgumentException("Input '" + spec.key() + "' takes text (" + spec.summary()
            + ") but column '" + column + "' is " + columnType.simpleString()
            + "; give a string column");
      }
      if (rowDims != null && rowDims.length != 0) {
        throw new IllegalArgumentException("Input '" + spec.key() + "' takes " + spec.summary()
            + ": only one string per row is supported (shape [-1])");
      }
      return new ScoringInput(spec.key(), dtype, rowDims);
    }
    if (!NUMERIC.contains(dtype)) {
      throw new IllegalArgumentException("Input '" + spec.key() + "' is " + spec.summary()
          + ": only DT_STRING, DT_FLOAT, DT_DOUBLE, DT_INT32 and DT_INT64 inputs can be scored");
    }
    if (columnType.equals(DataTypes.StringType)) {
      // Numbers written as JSON text, as CSV holds them (and as ScoreJob writes arrays to CSV).
      return new ScoringInput(spec.key(), dtype, rowDims);
    }
    DataType element = elementType(columnType);
    if (!(element instanceof NumericType)) {
      throw new IllegalArgumentException("Input '" + spec.key() + "' takes numbers (" + spec.summary()
          + ") but column '" + column + "' is " + columnType.simpleString()
          + "; give a numeric column, an array of numbers (nested as the input's shape), or"
          + " text holding them as JSON (\"[[0.1], [0.2]]\")");
    }
    boolean integral = dtype == org.tensorflow.proto.DataType.DT_INT32
        || dtype == org.tensorflow.proto.DataType.DT_INT64;
    if (integral && (element.equals(DataTypes.FloatType) || element.equals(DataTypes.DoubleType)
        || element instanceof org.apache.spark.sql.types.DecimalType)) {
      throw new IllegalArgumentException("Input '" + spec.key() + "' takes integers ("
          + spec.summary() + ") but column '" + column + "' holds " + element.simpleString()
          + "; cast it to int or bigint first");
    }
    if (rowDims != null) {
      int depth = arrayDepth(columnType);
      boolean fullyDeclared = java.util.Arrays.stream(rowDims).allMatch(dim -> dim >= 0);
      if (depth != rowDims.length && !(fullyDeclared && depth <= 1)) {
        throw new IllegalArgumentException("Input '" + spec.key() + "' takes rows of shape "
            + java.util.Arrays.toString(rowDims) + " (" + spec.summary() + ") but column '"
            + column + "' is " + columnType.simpleString() + ", arrays nested " + depth
            + " deep; nest them " + rowDims.length + " deep"
            + (fullyDeclared ? ", or give a flat array" : ""));
      }
    }
    return new ScoringInput(spec.key(), dtype, rowDims);
  }

  /** Row {@code i} of a batch filled up to its size: past the given rows, the first again. */
  private static Prepared row(List<Prepared> rows, int i) {
    return rows.get(i < rows.size() ? i : 0);
  }

  private static int arrayDepth(DataType type) {
    int depth = 0;
    while (type instanceof ArrayType array) {
      type = array.elementType();
      depth++;
    }
    return depth;
  }

  private static DataType elementType(DataType type) {
    while (type instanceof ArrayType array) {
      type = array.elementType();
    }
    return type;
  }

  boolean isText() {
    return dtype == org.tensorflow.proto.DataType.DT_STRING;
  }

  /**
   * The row's value made ready for a batch.
   *
   * @throws IllegalArgumentException saying why this row cannot be scored
   */
  Prepared prepare(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("the input is null");
    }
    if (isText()) {
      return new Prepared((String) value, null, null, null);
    }
    RowValues row = RowValues.of(value instanceof String text ? parseJson(text) : value);
    long[] shape = fit(row.shape(), row.values().length);
    Number[] numbers = row.values();
    if (!isIntegral()) {
      double[] doubles = new double[numbers.length];
      for (int i = 0; i < numbers.length; i++) {
        doubles[i] = numbers[i].doubleValue();
      }
      return new Prepared(null, shape, doubles, null);
    }
    long[] longs = new long[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      longs[i] = integral(numbers[i]);
    }
    return new Prepared(null, shape, null, longs);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** A number or nested arrays of numbers written as JSON text. */
  private static Object parseJson(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
      throw new IllegalArgumentException("the text '" + shown + "' is not a JSON number or array"
          + " of numbers");
    }
  }

  private boolean isIntegral() {
    return dtype == org.tensorflow.proto.DataType.DT_INT32
        || dtype == org.tensorflow.proto.DataType.DT_INT64;
  }

  private long integral(Number number) {
    long value;
    if (number instanceof Long || number instanceof Integer || number instanceof Short
        || number instanceof Byte) {
      value = number.longValue();
    } else {
      try {
        value = new java.math.BigDecimal(number.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException(number + " is not an integer that fits the input's "
            + dtype.name());
      }
    }
    if (dtype == org.tensorflow.proto.DataType.DT_INT32
        && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d does not fit the input's %s", value, dtype.name()));
    }
    return value;
  }

  /**
   * The shape a row takes in the batch: its own when it matches the declared one, else the
   * declared one when that is fully known and holds as many values (a flat array, or a number).
   */
  private long[] fit(long[] shape, int count) {
    if (rowDims == null || matches(shape)) {
      return shape;
    }
    long declared = 1;
    for (long dim : rowDims) {
      declared = dim < 0 ? -1 : declared * dim;
      if (declared < 0) {
        break;
      }
    }
    if (shape.length <= 1 && declared == count) {
      return rowDims.clone();
    }
    throw new IllegalArgumentException("the row's array has shape " + Arrays.toString(shape)
        + " but input '" + key + "' takes rows of shape " + Arrays.toString(rowDims)
        + " (-1: any size)" + (declared > 0 ? " or a flat array of " + declared : ""));
  }

  private boolean matches(long[] shape) {
    if (shape.length != rowDims.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (rowDims[i] >= 0 && rowDims[i] != shape[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rows as one batch tensor of {@code size} rows: rows past the given ones repeat the first,
   * so that every call has the same batch size, and a row's score does not depend on how many
   * rows its partition had left (TensorFlow's kernels may sum in another order for another
   * batch size).
   */
  Tensor batch(List<Prepared> rows, int size) {
    int n = Math.max(size, rows.size());
    if (isText()) {
      String[] texts = new String[n];
      for (int i = 0; i < n; i++) {
        texts[i] = rows.get(i < rows.size() ? i : 0).text();
      }
      return TString.vectorOf(texts);
    }
    ScoringInput.Prepared first = rows.get(0);
    long[] rowShape = first.shape();
    int perRow = first.doubles() != null ? first.doubles().length : first.longs().length;
    long[] dims = new long[rowShape.length + 1];
    dims[0] = n;
    System.arraycopy(rowShape, 0, dims, 1, rowShape.length);
    Shape shape = Shape.of(dims);
    int count = Math.multiplyExact(n, perRow);
    return switch (dtype) {
      case DT_FLOAT -> {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
          values[i] = (float) row(rows, i / perRow).doubles()[i % perRow];
        }
        yield TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      case DT_DOUBLE -> {
        double[] values = new double[count];
        for (int i = 0; i < n; i++) {
          System.arraycopy(row(rows, i).doubles(), 0, values, i * perRow, perRow);
        }
        yield TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      case DT_INT32 -> {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
          values[i] = (int) row(rows, i / perRow).longs()[i % perRow];
        }
        yield TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      case DT_INT64 -> {
        long[] values = new long[count];
        for (int i = 0; i < n; i++) {
          System.arraycopy(row(rows, i).longs(), 0, values, i * perRow, perRow);
        }
        yield TInt64.tensorOf(shape, DataBuffers.of(values, true, false));
      }
      default -> throw new IllegalStateException("unsupported dtype " + dtype);
    };
  }
}
