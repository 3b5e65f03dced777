package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A JSON value read as an n-dimensional array: nested JSON arrays give the shape, the values
 * inside them the elements in row-major order. A value that is not an array is a scalar.
 *
 * @param shape the size of each nesting level; empty for a scalar
 * @param elements the innermost values, row-major; their types are not checked here
 */
record NestedArray(List<Long> shape, List<JsonNode> elements) {

  NestedArray {
    shape = List.copyOf(shape);
    elements = List.copyOf(elements);
  }

  /**
   * Reads a JSON value, checking that it is rectangular: every array at one depth has the same
   * length, and values stand only at the innermost depth.
   *
   * @param what names the value in error messages, e.g. "Input 'x' of signature 'add'"
   * @throws SavedModelException for a ragged array or a value mixed with arrays
   */
  static NestedArray of(JsonNode value, String what) {
    List<Long> shape = new ArrayList<>();
    // The first element at each depth fixes the shape; the walk below checks the rest against it.
    for (JsonNode node = value; node.isArray(); node = node.get(0)) {
      shape.add((long) node.size());
      if (node.isEmpty()) {
        break;
      }
    }
    List<JsonNode> elements = new ArrayList<>();
    collect(value, 0, shape, new ArrayList<>(), elements, what);
    return new NestedArray(shape, elements);
  }

  private static void collect(
      JsonNode node,
      int depth,
      List<Long> shape,
      List<Integer> path,
      List<JsonNode> out,
      String what) {
    if (depth == shape.size()) {
      if (node.isArray()) {
        throw new SavedModelException(
            what + " is not a rectangular array: at " + formatPath(path)
                + " an array stands where the other rows hold values, shape so far "
                + DeclaredShape.format(toArray(shape)) + ".");
      }
      out.add(node);
      return;
    }
    if (!node.isArray() || node.size() != shape.get(depth)) {
      String found = node.isArray() ? "length " + node.size() : "a single value";
      throw new SavedModelException(
          what + " is not a rectangular array: at " + formatPath(path) + " found " + found
              + ", expected length " + shape.get(depth) + " like the first row, shape so far "
              + DeclaredShape.format(toArray(shape)) + ".");
    }
    for (int i = 0; i < node.size(); i++) {
      path.add(i);
      collect(node.get(i), depth + 1, shape, path, out, what);
      path.remove(path.size() - 1);
    }
  }

  long[] shapeArray() {
    return toArray(shape);
  }

  /** Where the element at that row-major index stands: "[1, 0, 2]", or "[]" for a scalar. */
  String positionOf(int flatIndex) {
    long[] index = new long[shape.size()];
    long rest = flatIndex;
    for (int d = shape.size() - 1; d >= 0; d--) {
      index[d] = rest % shape.get(d);
      rest /= shape.get(d);
    }
    return LongStream.of(index).mapToObj(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  /** "[0, 2]": an element's indices, as messages give them. */
  static String formatPath(List<Integer> path) {
    return path.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  private static long[] toArray(List<Long> dims) {
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
