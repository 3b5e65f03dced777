package dev.rnnkit.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row's numeric input as a flat array and the shape of its nesting, read from what Spark
 * hands a Java function: a number, or arrays as Java lists or Scala sequences, nested. The
 * numbers stay as Spark gave them (Long, Integer, Double, BigDecimal, ...), so that an int64 id
 * keeps every digit.
 */
record RowValues(long[] shape, Number[] values) {

  /**
   * Reads {@code value} (a Number, or nested arrays of them).
   *
   * @throws IllegalArgumentException naming the problem: a null element or ragged nesting
   */
  static RowValues of(Object value) {
    List<Long> shape = new ArrayList<>();
    Object probe = value;
    while (isArray(probe)) {
      List<?> list = asList(probe);
      shape.add((long) list.size());
      probe = list.isEmpty() ? null : list.get(0);
    }
    Number[] flat = new Number[Math.toIntExact(count(shape))];
    int[] next = {0};
    collect(value, shape, 0, flat, next);
    return new RowValues(shape.stream().mapToLong(Long::longValue).toArray(), flat);
  }

  private static void collect(Object value, List<Long> shape, int depth, Number[] flat, int[] next) {
    if (depth == shape.size()) {
      if (value == null) {
        throw new IllegalArgumentException("the array holds a null element");
      }
      if (!(value instanceof Number number)) {
        throw new IllegalArgumentException(depth == 0 ? "the value is not a number: " + value
            : "the array holds a non-number, " + value);
      }
      flat[next[0]++] = number;
      return;
    }
    if (!isArray(value)) {
      throw new IllegalArgumentException("the nested arrays are ragged: expected an array of "
          + shape.get(depth) + " at depth " + depth + ", found " + value);
    }
    List<?> list = asList(value);
    if (list.size() != shape.get(depth)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the nested arrays are ragged: an array of %d where the first has %d (depth %d)",
          list.size(), shape.get(depth), depth));
    }
    for (Object element : list) {
      collect(element, shape, depth + 1, flat, next);
    }
  }

  private static long count(List<Long> shape) {
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  static boolean isArray(Object value) {
    return value instanceof List<?> || value instanceof scala.collection.Seq<?>
        || value instanceof Object[];
  }

  private static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Object[] array) {
      return Arrays.asList(array);
    }
    return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value);
  }
}
