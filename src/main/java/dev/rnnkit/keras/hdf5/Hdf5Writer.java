package dev.rnnkit.keras.hdf5;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link H5Group} tree as an HDF5 file that h5py (libhdf5 1.8 and later) and jhdf read.
 *
 * <p>The file is laid out in one pass over the tree, then streamed: superblock version 2, then
 * each object in depth-first order, its version-2 object header directly followed by a dataset's
 * contiguous data. Groups store their links in their header ("compact" storage). Nothing in the
 * file depends on the clock or on hash order, so the same tree always gives the same bytes.
 */
public final class Hdf5Writer {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final int SUPERBLOCK_SIZE = 48;

  private final Placed root;
  private final long size;

  /** Lays the file out, which also checks every limit, before anything is written. */
  private Hdf5Writer(H5Group root) {
    Layout layout = new Layout();
    this.root = layout.place("/", root);
    this.size = layout.end;
  }

  /**
   * Writes the file; a tree HDF5 cannot hold (an attribute over 64 KiB) is refused with an
   * {@link IllegalArgumentException} before the file is created.
   */
  public static void write(H5Group root, Path file) throws IOException {
    Hdf5Writer writer = new Hdf5Writer(root);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      writer.writeTo(out);
    }
  }

  /** Writes the file to {@code out}, which is left open. */
  public static void write(H5Group root, OutputStream out) throws IOException {
    new Hdf5Writer(root).writeTo(out);
  }

  private void writeTo(OutputStream out) throws IOException {
    out.write(superblock(size, root.address));
    long written = SUPERBLOCK_SIZE + writeObject(root, out);
    if (written != size) {
      throw new IllegalStateException("HDF5 layout error: planned " + size + " bytes, wrote "
          + written);
    }
  }

  /** Superblock version 2 (spec II.A): 8-byte addresses and lengths, no extension. */
  private static byte[] superblock(long endOfFile, long rootAddress) {
    return new LittleEndianBytes()
        .bytes(SIGNATURE)
        .u8(2) // superblock version
        .u8(8).u8(8) // size of offsets, size of lengths
        .u8(0) // file consistency flags
        .u64(0) // base address
        .u64(HeaderMessages.UNDEFINED_ADDRESS) // superblock extension
        .u64(endOfFile)
        .u64(rootAddress)
        .checksum()
        .toArray();
  }

  /** Writes an object's header, a dataset's data, then the children; returns the bytes written. */
  private static long writeObject(Placed placed, OutputStream out) throws IOException {
    List<Long> childAddresses = placed.children.stream().map(c -> c.address).toList();
    byte[] header = header(placed.path, placed.node, childAddresses, placed.dataAddress());
    if (header.length != placed.headerSize) {
      throw new IllegalStateException("HDF5 layout error: header of " + placed.path
          + " planned " + placed.headerSize + " bytes, encoded " + header.length);
    }
    out.write(header);
    long written = header.length;
    if (placed.node instanceof H5Dataset dataset) {
      if (dataset.isInt64()) {
        writeLongs(dataset.integersView(), out);
      } else {
        writeFloats(dataset.valuesView(), out);
      }
      written += dataset.dataSize();
    }
    for (Placed child : placed.children) {
      written += writeObject(child, out);
    }
    return written;
  }

  private static void writeLongs(long[] values, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      buffer.putLong(value);
    }
    out.write(buffer.array());
  }

  private static void writeFloats(float[] values, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      if (!buffer.hasRemaining()) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      // Raw bits: a NaN keeps its payload, as numpy would store it.
      buffer.putInt(Float.floatToRawIntBits(value));
    }
    out.write(buffer.array(), 0, buffer.position());
  }

  /** The object header of {@code node}, given where its children and data are. */
  private static byte[] header(String path, H5Node node, List<Long> childAddresses,
      long dataAddress) {
    List<HeaderMessage> messages = new ArrayList<>();
    if (node instanceof H5Group group) {
      messages.add(HeaderMessages.linkInfo());
      messages.add(HeaderMessages.groupInfo());
      int i = 0;
      for (String name : group.children().keySet()) {
        messages.add(HeaderMessages.link(name, childAddresses.get(i++)));
      }
      group.attributes().forEach(a -> messages.add(HeaderMessages.attribute(a)));
    } else if (node instanceof H5Dataset dataset) {
      messages.add(HeaderMessages.dataspace(dataset.shape()));
      messages.add(dataset.isInt64() ? HeaderMessages.int64Datatype()
          : HeaderMessages.float32Datatype());
      messages.add(HeaderMessages.fillValue());
      long size = dataset.dataSize();
      messages.add(HeaderMessages.contiguousLayout(
          size == 0 ? HeaderMessages.UNDEFINED_ADDRESS : dataAddress, size));
    }
    return ObjectHeader.encode(path, messages);
  }

  /** An object with its place in the file. */
  private record Placed(String path, H5Node node, long address, int headerSize,
      List<Placed> children) {

    long dataAddress() {
      return address + headerSize;
    }
  }

  /** Assigns addresses in file order: header, a dataset's data, then each child in turn. */
  private static final class Layout {

    private long end = SUPERBLOCK_SIZE;

    Placed place(String path, H5Node node) {
      long address = end;
      int childCount = node instanceof H5Group g ? g.children().size() : 0;
      // Addresses are fixed-width, so a header's size does not depend on their values.
      int headerSize = header(path, node, Collections.nCopies(childCount, 0L), 0).length;
      end += headerSize;
      if (node instanceof H5Dataset dataset) {
        end += dataset.dataSize();
      }
      List<Placed> children = new ArrayList<>();
      if (node instanceof H5Group group) {
        for (Map.Entry<String, H5Node> child : group.children().entrySet()) {
          String childPath = (path.equals("/") ? "/" : path + "/") + child.getKey();
          children.add(place(childPath, child.getValue()));
        }
      }
      return new Placed(path, node, address, headerSize, children);
    }
  }
}
