package dev.rnnkit.keras.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the few object header messages a Keras weights file needs, in the versions libhdf5 1.8
 * and later read and write for the "latest" format: dataspace v2, datatype v1, fill value v3,
 * data layout v3 (contiguous), link info v0, group info v0, link v1 and attribute v3 (HDF5 File
 * Format Specification 3.0, section IV.A.2). Addresses and lengths are 8 bytes.
 */
final class HeaderMessages {

  /** HDF5's undefined address: all bits set. */
  static final long UNDEFINED_ADDRESS = -1L;

  private static final int DATASPACE = 0x01;
  private static final int LINK_INFO = 0x02;
  private static final int DATATYPE = 0x03;
  private static final int FILL_VALUE = 0x05;
  private static final int LINK = 0x06;
  private static final int DATA_LAYOUT = 0x08;
  private static final int GROUP_INFO = 0x0A;
  private static final int ATTRIBUTE = 0x0C;

  /** Message flag: the message never changes; libhdf5 marks datatypes and fill values so. */
  private static final int CONSTANT = 0x01;

  private HeaderMessages() {}

  /**
   * A group's links are stored "compactly", as link messages in its header: no fractal heap or
   * B-tree (undefined addresses), creation order not tracked.
   */
  static HeaderMessage linkInfo() {
    byte[] body = new LittleEndianBytes().u8(0).u8(0)
        .u64(UNDEFINED_ADDRESS).u64(UNDEFINED_ADDRESS).toArray();
    return new HeaderMessage(LINK_INFO, 0, body, "link info");
  }

  /** Group info with the library's default storage thresholds (none stored). */
  static HeaderMessage groupInfo() {
    return new HeaderMessage(GROUP_INFO, CONSTANT, new byte[] {0, 0}, "group info");
  }

  /** A hard link named {@code name} to the object header at {@code address}. */
  static HeaderMessage link(String name, long address) {
    byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
    int lengthWidth = encoded.length <= 0xff ? 1 : encoded.length <= 0xffff ? 2 : 4;
    boolean ascii = encoded.length == name.length();
    // Flags: bits 0-1 the width of the name's length field; bit 4 a character set field follows.
    int flags = Integer.numberOfTrailingZeros(lengthWidth) | (ascii ? 0 : 0x10);
    LittleEndianBytes body = new LittleEndianBytes().u8(1).u8(flags);
    if (!ascii) {
      body.u8(1); // UTF-8
    }
    body.unsigned(encoded.length, lengthWidth).bytes(encoded).u64(address);
    return new HeaderMessage(LINK, 0, body.toArray(), "link '" + name + "'");
  }

  static HeaderMessage dataspace(long[] shape) {
    return new HeaderMessage(DATASPACE, 0, dataspaceBody(shape), "dataspace");
  }

  /** IEEE 754 single precision, little-endian. */
  static HeaderMessage float32Datatype() {
    byte[] body = new LittleEndianBytes()
        .u8(0x11) // version 1, class 1: floating point
        .u8(0x20) // little-endian, no padding, mantissa normalised with an implied leading 1
        .u8(31) // sign bit position
        .u8(0)
        .u32(4) // bytes per value
        .u16(0).u16(32) // bit offset, bit precision
        .u8(23).u8(8) // exponent position and size
        .u8(0).u8(23) // mantissa position and size
        .u32(127) // exponent bias
        .toArray();
    return new HeaderMessage(DATATYPE, CONSTANT, body, "datatype");
  }

  /** A signed 64-bit integer, little-endian: numpy's int64 as h5py stores it. */
  static HeaderMessage int64Datatype() {
    byte[] body = new LittleEndianBytes()
        .u8(0x10) // version 1, class 0: fixed-point
        .u8(0x08) // little-endian, no padding, signed (two's complement)
        .u8(0).u8(0)
        .u32(8) // bytes per value
        .u16(0).u16(64) // bit offset, bit precision
        .toArray();
    return new HeaderMessage(DATATYPE, CONSTANT, body, "datatype");
  }

  /**
   * Fill value v3 as libhdf5 writes by default for contiguous data: space allocated late, fill
   * value written only if set, none set (readers use zeros). Every dataset here has its data.
   */
  static HeaderMessage fillValue() {
    return new HeaderMessage(FILL_VALUE, CONSTANT, new byte[] {3, 0x0a}, "fill value");
  }

  /** The data are {@code size} contiguous bytes at {@code address} (undefined when empty). */
  static HeaderMessage contiguousLayout(long address, long size) {
    byte[] body = new LittleEndianBytes().u8(3).u8(1).u64(address).u64(size).toArray();
    return new HeaderMessage(DATA_LAYOUT, 0, body, "data layout");
  }

  /**
   * A string attribute: fixed-length UTF-8 strings, null-padded to the longest value's length
   * (at least one byte: HDF5 has no zero-length fixed strings).
   */
  static HeaderMessage attribute(H5Attribute attribute) {
    List<byte[]> values = new ArrayList<>();
    int width = 1;
    for (String value : attribute.values()) {
      byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
      values.add(encoded);
      width = Math.max(width, encoded.length);
    }
    byte[] datatype = new LittleEndianBytes()
        .u8(0x13) // version 1, class 3: string
        .u8(0x11) // null-padded, UTF-8
        .u8(0).u8(0)
        .u32(width)
        .toArray();
    long[] shape = attribute.scalar() ? new long[0] : new long[] {values.size()};
    byte[] dataspace = dataspaceBody(shape);
    byte[] name = attribute.name().getBytes(StandardCharsets.UTF_8);
    boolean ascii = name.length == attribute.name().length();
    LittleEndianBytes body = new LittleEndianBytes()
        .u8(3).u8(0) // version 3, no shared parts
        .u16(name.length + 1).u16(datatype.length).u16(dataspace.length)
        .u8(ascii ? 0 : 1)
        .bytes(name).u8(0)
        .bytes(datatype)
        .bytes(dataspace);
    for (byte[] value : values) {
      body.bytes(value).bytes(new byte[width - value.length]);
    }
    return new HeaderMessage(ATTRIBUTE, 0, body.toArray(),
        "attribute '" + attribute.name() + "'");
  }

  /** Dataspace v2: rank 0 is a scalar, else a simple dataspace without maximum dimensions. */
  private static byte[] dataspaceBody(long[] shape) {
    LittleEndianBytes body = new LittleEndianBytes()
        .u8(2).u8(shape.length).u8(0).u8(shape.length == 0 ? 0 : 1);
    for (long dimension : shape) {
      body.u64(dimension);
    }
    return body.toArray();
  }
}
