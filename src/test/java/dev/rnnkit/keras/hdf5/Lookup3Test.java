package dev.rnnkit.keras.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The checksum against published lookup3 values and against blocks libhdf5 wrote. */
class Lookup3Test {

  @Test
  void matchesTheValuesLookup3PublishesForItsSelfTest() {
    byte[] empty = new byte[0];
    byte[] text = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xdeadbeef, Lookup3.hash(empty, 0, 0, 0));
    assertEquals(0xbd5b7dde, Lookup3.hash(empty, 0, 0, 0xdeadbeef));
    assertEquals(0x17770551, Lookup3.hash(text, 0, text.length, 0));
    assertEquals(0xcd628161, Lookup3.hash(text, 0, text.length, 1));
  }

  /**
   * Blocks of a file h5py 3.7 (libhdf5 1.10.8) wrote, with the checksums libhdf5 stored after
   * them: the superblock (44 bytes: a tail of 8) and an object header continuation chunk
   * (36 bytes: a tail of exactly 12, which lookup3 still gives its final mix).
   */
  @Test
  void matchesTheChecksumsLibhdf5Stored() {
    byte[] superblock = HexFormat.of().parseHex("894844460d0a1a0a0208080000000000000000"
        + "00ffffffffffffffff18080000000000003000000000000000");
    byte[] continuation = HexFormat.of().parseHex("4f43484b0c1c000003000200080004000073"
        + "0013010000050000000200000068656c6c6f");
    assertEquals(0xf8ad1fb8, Lookup3.checksum(superblock, 0, superblock.length));
    assertEquals(0x456163ee, Lookup3.checksum(continuation, 0, continuation.length));
  }

  @Test
  void hashesOnlyTheGivenRange() {
    byte[] text = "xxFour score and seven years agoyy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x17770551, Lookup3.hash(text, 2, 30, 0));
  }
}
