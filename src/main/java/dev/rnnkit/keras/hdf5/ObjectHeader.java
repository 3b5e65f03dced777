package dev.rnnkit.keras.hdf5;

import java.util.List;

/**
 * Encodes a version-2 object header ("OHDR", HDF5 spec IV.A.1.b): one chunk holding the messages
 * back to back, no timestamps, closed by the lookup3 checksum.
 */
final class ObjectHeader {

  /**
   * A message's size is a 2-byte field, so one message (an attribute with all its values, say)
   * holds at most this many bytes. libhdf5 refuses larger attributes too, which is why Keras
   * splits long string lists into {@code name0}, {@code name1}, ...
   */
  static final int MAX_MESSAGE_SIZE = 0xffff;

  /** Type (1 byte), size (2) and flags (1) before each message's body. */
  private static final int MESSAGE_PREFIX = 4;

  private ObjectHeader() {}

  /** The header of the object at {@code path} holding {@code messages}. */
  static byte[] encode(String path, List<HeaderMessage> messages) {
    long size = 0;
    for (HeaderMessage message : messages) {
      if (message.body().length > MAX_MESSAGE_SIZE) {
        throw new IllegalArgumentException("HDF5 object " + path + ": " + message.what()
            + " takes " + message.body().length + " bytes, more than the " + MAX_MESSAGE_SIZE
            + " one object header message can hold; split it (Keras stores a long list of"
            + " strings as attributes name0, name1, ...)");
      }
      size += MESSAGE_PREFIX + message.body().length;
    }
    int sizeWidth = size <= 0xff ? 1 : size <= 0xffff ? 2 : 4;
    LittleEndianBytes header = new LittleEndianBytes()
        .ascii("OHDR")
        .u8(2)
        // Flags: bits 0-1 give the width of the chunk size field; nothing else is stored.
        .u8(Integer.numberOfTrailingZeros(sizeWidth))
        .unsigned(size, sizeWidth);
    for (HeaderMessage message : messages) {
      header.u8(message.type()).u16(message.body().length).u8(message.flags())
          .bytes(message.body());
    }
    return header.checksum().toArray();
  }
}
