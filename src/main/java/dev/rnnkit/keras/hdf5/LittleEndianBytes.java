package dev.rnnkit.keras.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array written in HDF5's byte order (little-endian), for metadata blocks. */
final class LittleEndianBytes {

  private byte[] bytes = new byte[64];
  private int size;

  LittleEndianBytes u8(int value) {
    return unsigned(value, 1);
  }

  LittleEndianBytes u16(int value) {
    return unsigned(value, 2);
  }

  LittleEndianBytes u32(long value) {
    return unsigned(value, 4);
  }

  LittleEndianBytes u64(long value) {
    return unsigned(value, 8);
  }

  /** The low {@code width} bytes of {@code value}, least significant first. */
  LittleEndianBytes unsigned(long value, int width) {
    ensure(width);
    for (int i = 0; i < width; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  LittleEndianBytes bytes(byte[] values) {
    ensure(values.length);
    System.arraycopy(values, 0, bytes, size, values.length);
    size += values.length;
    return this;
  }

  LittleEndianBytes ascii(String text) {
    return bytes(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Appends the lookup3 checksum of everything written so far, as HDF5 closes a block. */
  LittleEndianBytes checksum() {
    return u32(Lookup3.checksum(bytes, 0, size) & 0xffffffffL);
  }

  int size() {
    return size;
  }

  byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
