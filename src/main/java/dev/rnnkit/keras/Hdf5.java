package dev.rnnkit.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small helpers over jhdf for reading Keras weight files. */
final class Hdf5 {

  private Hdf5() {}

  /**
   * Opens an HDF5 file for reading, mapped from disk: the file is not read into the Java heap,
   * and a size that a damaged or crafted file declares for one of its parts (a header, a heap)
   * cannot make the reader allocate it, since each part is a view of the mapped file and a part
   * beyond the end fails. jhdf's own file reader allocates such parts whole before it reads them,
   * so it is used only for a file beyond 2 GiB, which one buffer cannot map.
   */
  static HdfFile open(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        return new HdfFile(file);
      }
      // The mapping stays valid after the channel closes; it is released with the buffer.
      return HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

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

  /**
   * A string attribute, or a string-array attribute as a list; empty when absent. An attribute
   * whose value would take more than {@link ArchiveLimits#MAX_JSON_BYTES} is refused before it
   * is read (see {@link #declaredBytes}).
   *
   * @param where the file, for messages
   */
  static Optional<List<String>> strings(Node node, String name, String where) {
    Attribute attribute = node.getAttributes().get(name);
    if (attribute == null) {
      return Optional.empty();
    }
    long bytes = declaredBytes(attribute);
    if (bytes > ArchiveLimits.MAX_JSON_BYTES) {
      throw ArchiveLimits.jsonTooLarge(where + ": the attribute " + name + " of "
          + node.getPath() + " takes " + bytes + " bytes", name);
    }
    if (attribute.isEmpty()) {
      // h5py writes an empty list (the weight_names of a layer without weights) as an
      // attribute with no data, which jhdf reads as null.
      return Optional.of(List.of());
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

  /**
   * How many bytes an attribute's value takes, found without reading it. A fixed-size value
   * (numbers, fixed-length strings as Keras 2 writes {@code weight_names}) sits in the attribute
   * itself. A variable-length string (as h5py writes a Python {@code str}, e.g.
   * {@code model_config}) is a reference into a global heap collection, which the reader loads
   * whole to take the string out; the sizes of the collections referred to, read from their
   * headers, bound what reading the value takes.
   */
  static long declaredBytes(Attribute attribute) {
    if (attribute.isEmpty()) {
      return 0;
    }
    if (!(attribute.getDataType() instanceof VariableLength type)) {
      return attribute.getSizeInBytes();
    }
    HdfBackingStorage storage = attribute.getNode().getHdfFile().getHdfBackingStorage();
    int offsets = storage.getSizeOfOffsets();
    int lengths = storage.getSizeOfLengths();
    ByteBuffer ids = attribute.getBuffer().order(ByteOrder.LITTLE_ENDIAN);
    // Each element: its length (4 bytes), then the global heap id (collection address, index).
    int stride = type.getSize();
    Set<Long> collections = new HashSet<>();
    long total = 0;
    for (int at = ids.position(); at + stride <= ids.limit(); at += stride) {
      long address = unsigned(ids, at + stride - 4 - offsets, offsets);
      int index = ids.getInt(at + stride - 4);
      if (index == 0 || !collections.add(address)) {
        continue; // an empty value, or a collection already counted
      }
      // A collection's header: "GCOL", version, 3 reserved bytes, its size in bytes.
      ByteBuffer header = storage.readBufferFromAddress(address, 8 + lengths)
          .order(ByteOrder.LITTLE_ENDIAN);
      long size = unsigned(header, header.position() + 8, lengths);
      total = size < 0 || total + size < 0 ? Long.MAX_VALUE : total + size;
    }
    return total;
  }

  private static long unsigned(ByteBuffer buffer, int at, int bytes) {
    long value = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      value = value << 8 | (buffer.get(at + i) & 0xff);
    }
    return value;
  }

  static Optional<String> string(Node node, String name, String where) {
    return strings(node, name, where).filter(v -> v.size() == 1).map(v -> v.get(0));
  }

  /**
   * Keras splits a string-array attribute too large for one HDF5 object header into
   * {@code name0}, {@code name1}, ...; this reads either form.
   */
  static Optional<List<String>> chunkedStrings(Node node, String name, String where) {
    Optional<List<String>> whole = strings(node, name, where);
    if (whole.isPresent()) {
      return whole;
    }
    List<String> values = new ArrayList<>();
    for (int chunk = 0; node.getAttributes().containsKey(name + chunk); chunk++) {
      values.addAll(strings(node, name + chunk, where).orElseThrow());
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
