package dev.rnnkit.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small helpers over jhdf for reading Keras weight files. */
final class Hdf5 {

  private Hdf5() {}

  /** The node at a slash-separated path below {@code group}, if there is one. */
  static Optional<Node> find(Group group, String path) {
    Node node = group;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(node instanceof Group g) || !g.getChildren().containsKey(part)) {
        return Optional.empty();
      }
      node = g.getChild(part);
    }
    return Optional.of(node);
  }

  static Optional<Group> findGroup(Group group, String path) {
    return find(group, path).filter(Group.class::isInstance).map(Group.class::cast);
  }

  /** A float32 dataset's shape and row-major values; other types are refused. */
  static float[] floats(Dataset dataset, String where) {
    if (!(dataset.getDataType() instanceof FloatingPoint fp) || fp.getSize() != 4) {
      throw new KerasImportException(where + ": dataset " + dataset.getPath() + " holds "
          + dataset.getJavaType().getSimpleName() + " values of " + dataset.getDataType().getSize()
          + " bytes; RNNKit imports float32 weights only");
    }
    if (dataset.isScalar()) {
      return new float[] {(Float) dataset.getData()};
    }
    Object flat = dataset.getDataFlat();
    return (float[]) flat;
  }

  static long[] shape(Dataset dataset) {
    return Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
  }

  /** A string attribute, or a string-array attribute as a list; empty when absent. */
  static Optional<List<String>> strings(Node node, String name) {
    Attribute attribute = node.getAttributes().get(name);
    if (attribute == null) {
      return Optional.empty();
    }
    Object data = attribute.getData();
    List<String> values = new ArrayList<>();
    if (data instanceof String s) {
      values.add(s);
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        values.add(String.valueOf(Array.get(data, i)));
      }
    } else {
      values.add(String.valueOf(data));
    }
    return Optional.of(values);
  }

  static Optional<String> string(Node node, String name) {
    return strings(node, name).filter(v -> v.size() == 1).map(v -> v.get(0));
  }

  /**
   * Keras splits a string-array attribute too large for one HDF5 object header into
   * {@code name0}, {@code name1}, ...; this reads either form.
   */
  static Optional<List<String>> chunkedStrings(Node node, String name) {
    Optional<List<String>> whole = strings(node, name);
    if (whole.isPresent()) {
      return whole;
    }
    List<String> values = new ArrayList<>();
    for (int chunk = 0; node.getAttributes().containsKey(name + chunk); chunk++) {
      values.addAll(strings(node, name + chunk).orElseThrow());
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values);
  }

  /**
   * Turns jhdf's failure on a damaged file into a message with the fix. jhdf reports most damage
   * as HdfException, but a crafted or truncated file can also make it fail with the runtime
   * exceptions of its parsing (BufferUnderflowException, ArithmeticException, ...); both mean
   * the same to the user.
   */
  static KerasImportException unreadable(String what, RuntimeException e) {
    String detail =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new KerasImportException(what + " is not a readable HDF5 file (expected Keras weights"
        + " as h5py writes them; the HDF5 reader stopped with " + detail + "). The file is"
        + " damaged or truncated; copy or save it again", e);
  }
}
