package dev.rnnkit.savedmodel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The shape a signature declares for one tensor: either an unknown rank (anything goes) or a list
 * of dimensions where -1 means "any size".
 *
 * @param unknownRank true when the signature does not fix the rank
 * @param dims the dimensions when the rank is known; empty for a scalar
 */
public record DeclaredShape(boolean unknownRank, List<Long> dims) {

  /** The size that stands for "any size" in a dimension. */
  public static final long ANY_SIZE = -1;

  public DeclaredShape {
    dims = List.copyOf(dims);
    if (unknownRank && !dims.isEmpty()) {
      throw new IllegalArgumentException("An unknown-rank shape has no dimensions: " + dims);
    }
  }

  public static DeclaredShape unknown() {
    return new DeclaredShape(true, List.of());
  }

  public static DeclaredShape of(long... dims) {
    return new DeclaredShape(false, Arrays.stream(dims).boxed().toList());
  }

  /**
   * Reads a TensorShapeProto the way saved_model_cli does: a proto without dimensions and without
   * the unknown-rank flag is a scalar (that is also what TensorFlow makes of it).
   */
  static DeclaredShape fromProto(TensorShapeProto proto) {
    if (proto.getUnknownRank()) {
      return unknown();
    }
    return new DeclaredShape(
        false, proto.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList());
  }

  /**
   * Why a tensor of the given shape does not fit, or empty when it fits: the rank must be equal
   * and every dimension that is not {@link #ANY_SIZE} must match.
   */
  public Optional<String> mismatch(long[] actual) {
    if (unknownRank) {
      return Optional.empty();
    }
    if (actual.length != dims.size()) {
      return Optional.of("rank " + actual.length + ", expected rank " + dims.size());
    }
    for (int i = 0; i < actual.length; i++) {
      long expected = dims.get(i);
      if (expected != ANY_SIZE && expected != actual[i]) {
        return Optional.of("dimension " + i + " is " + actual[i] + ", expected " + expected);
      }
    }
    return Optional.empty();
  }

  /** Formats a concrete shape like {@link #toString()} formats a declared one: "(2, 5, 1)". */
  public static String format(long[] shape) {
    return of(shape).toString();
  }

  /** As saved_model_cli prints it: "unknown_rank", "()" for a scalar, "(-1, 5, 1)". */
  @Override
  public String toString() {
    if (unknownRank) {
      return "unknown_rank";
    }
    return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }
}
