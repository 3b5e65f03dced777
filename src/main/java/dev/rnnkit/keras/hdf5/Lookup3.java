package dev.rnnkit.keras.hdf5;

/**
 * Bob Jenkins's lookup3 {@code hashlittle} (public domain, 2006), the checksum HDF5 stores after
 * every version-2 metadata block: the superblock and each object header. Readers (libhdf5, jhdf)
 * refuse a block whose checksum does not match.
 */
final class Lookup3 {

  private Lookup3() {}

  /** The checksum HDF5 stores: {@code hashlittle} of the bytes with initial value 0. */
  static int checksum(byte[] data, int offset, int length) {
    return hash(data, offset, length, 0);
  }

  /** {@code hashlittle(data[offset..offset+length), initval)}. */
  static int hash(byte[] data, int offset, int length, int initval) {
    int a = 0xdeadbeef + length + initval;
    int b = a;
    int c = a;
    int at = offset;
    int remaining = length;
    // The loop stops at 12 or fewer bytes, not 0: a full last block still gets the final mix.
    while (remaining > 12) {
      a += word(data, at, 4);
      b += word(data, at + 4, 4);
      c += word(data, at + 8, 4);
      a -= c;
      a ^= Integer.rotateLeft(c, 4);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 6);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 8);
      b += a;
      a -= c;
      a ^= Integer.rotateLeft(c, 16);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 19);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 4);
      b += a;
      at += 12;
      remaining -= 12;
    }
    if (remaining == 0) {
      return c;
    }
    a += word(data, at, Math.min(remaining, 4));
    b += word(data, at + 4, Math.max(0, Math.min(remaining - 4, 4)));
    c += word(data, at + 8, Math.max(0, remaining - 8));
    c ^= b;
    c -= Integer.rotateLeft(b, 14);
    a ^= c;
    a -= Integer.rotateLeft(c, 11);
    b ^= a;
    b -= Integer.rotateLeft(a, 25);
    c ^= b;
    c -= Integer.rotateLeft(b, 16);
    a ^= c;
    a -= Integer.rotateLeft(c, 4);
    b ^= a;
    b -= Integer.rotateLeft(a, 14);
    c ^= b;
    c -= Integer.rotateLeft(b, 24);
    return c;
  }

  /** The little-endian word of the first {@code count} bytes at {@code at}, zero-extended. */
  private static int word(byte[] data, int at, int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value |= (data[at + i] & 0xff) << (8 * i);
    }
    return value;
  }
}
