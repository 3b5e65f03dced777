package dev.rnnkit.keras.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@link Hdf5Writer}, read back with jhdf (which checks every checksum). */
class Hdf5WriterTest {

  @TempDir Path dir;

  @Test
  void datasetsOfAnyRankComeBackBitForBit() throws IOException {
    float[] tricky = {-0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.intBitsToFloat(0x7fc12345), 1.5f, -2.25f, 0.1f, 1e-30f, 3f, 7f, -1f};
    H5Group root = H5Group.builder()
        .dataset("scalar", H5Dataset.float32(new long[0], new float[] {0.1f}))
        .dataset("vector", H5Dataset.float32(new long[] {12}, tricky))
        .dataset("matrix", H5Dataset.float32(new long[] {3, 4}, tricky))
        .dataset("cube", H5Dataset.float32(new long[] {2, 3, 2}, tricky))
        .dataset("rank4", H5Dataset.float32(new long[] {1, 2, 3, 2}, tricky))
        .build();
    try (HdfFile h5 = read(root)) {
      assertEquals(0.1f, (Float) h5.getDatasetByPath("scalar").getData());
      assertTrue(h5.getDatasetByPath("scalar").isScalar());
      for (String name : List.of("vector", "matrix", "cube", "rank4")) {
        Dataset dataset = h5.getDatasetByPath(name);
        assertEquals(float.class, dataset.getJavaType());
        assertArrayEquals(bits(tricky), bits((float[]) dataset.getDataFlat()), name);
      }
      assertArrayEquals(new int[] {3, 4}, h5.getDatasetByPath("matrix").getDimensions());
      assertArrayEquals(new int[] {1, 2, 3, 2}, h5.getDatasetByPath("rank4").getDimensions());
      // Row-major: element [1][1] of the matrix is the sixth value.
      assertEquals(1.5f, ((float[][]) h5.getDatasetByPath("matrix").getData())[1][1]);
    }
  }

  /** Keras's optimizer step count is an int64 scalar (on TensorFlow); signed, little-endian. */
  @Test
  void int64DatasetsComeBackExactly() throws IOException {
    long[] values = {0, 37, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
    H5Group root = H5Group.builder()
        .dataset("iteration", H5Dataset.int64(new long[0], new long[] {37}))
        .dataset("matrix", H5Dataset.int64(new long[] {2, 3}, values))
        .dataset("after", H5Dataset.float32(new long[] {1}, new float[] {0.5f}))
        .build();
    try (HdfFile h5 = read(root)) {
      Dataset iteration = h5.getDatasetByPath("iteration");
      assertTrue(iteration.isScalar());
      assertEquals(8, iteration.getDataType().getSize());
      assertEquals(37L, assertInstanceOf(Long.class, iteration.getData()));
      assertArrayEquals(values, (long[]) h5.getDatasetByPath("matrix").getDataFlat());
      assertArrayEquals(new float[] {0.5f}, (float[]) h5.getDatasetByPath("after").getData());
    }
    assertThrows(IllegalArgumentException.class,
        () -> H5Dataset.int64(new long[] {2}, new long[] {1, 2, 3}));
    assertThrows(IllegalStateException.class,
        () -> H5Dataset.int64(new long[0], new long[] {1}).values());
  }

  /** jhdf's own writer corrupts exactly this: an empty group written after a dataset. */
  @Test
  void emptyGroupsBesideDatasetsAreReadBack() throws IOException {
    H5Group layer = H5Group.builder()
        .group("vars", H5Group.empty())
        .group("cell", H5Group.builder().group("vars", H5Group.builder()
            .dataset("0", H5Dataset.float32(new long[] {2}, new float[] {1, 2}))
            .build()).build())
        .build();
    H5Group root = H5Group.builder()
        .group("first", H5Group.empty())
        .group("layers", H5Group.builder().group("lstm", layer).build())
        .group("vars", H5Group.empty())
        .build();
    try (HdfFile h5 = read(root)) {
      assertEquals(List.of("first", "layers", "vars"), sortedNames(h5));
      assertTrue(((Group) h5.getChild("vars")).getChildren().isEmpty());
      assertTrue(((Group) h5.getByPath("layers/lstm/vars")).getChildren().isEmpty());
      assertArrayEquals(new float[] {1, 2},
          (float[]) h5.getDatasetByPath("layers/lstm/cell/vars/0").getData());
    }
  }

  @Test
  void stringAttributesComeBackAsWritten() throws IOException {
    H5Group root = H5Group.builder()
        .attribute("model_config", "{\"name\": \"modèle\"}")
        .attribute("empty", "")
        .attribute("layer_names", List.of("embedding", "lstm", "dense_1"))
        .attribute("weight_names", List.of())
        .group("g", H5Group.builder().attribute("names", List.of("é", "a")).build())
        .build();
    try (HdfFile h5 = read(root)) {
      assertEquals("{\"name\": \"modèle\"}", scalar(h5.getAttribute("model_config")));
      assertEquals("", scalar(h5.getAttribute("empty")));
      assertArrayEquals(new String[] {"embedding", "lstm", "dense_1"},
          (String[]) h5.getAttribute("layer_names").getData());
      // jhdf gives no data for an empty attribute; h5py gives an empty array.
      Attribute none = h5.getAttribute("weight_names");
      assertTrue(none.isEmpty());
      assertArrayEquals(new int[] {0}, none.getDimensions());
      assertArrayEquals(new String[] {"é", "a"},
          (String[]) h5.getChild("g").getAttribute("names").getData());
    }
  }

  @Test
  void theSuperblockPointsAtTheRootHeaderAndTheEndOfTheFile() throws IOException {
    byte[] file = bytes(H5Group.builder().group("vars", H5Group.empty()).build());
    ByteBuffer superblock = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x894844460d0a1a0aL, superblock.order(ByteOrder.BIG_ENDIAN).getLong(0));
    superblock.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, superblock.get(8), "superblock version");
    assertEquals(file.length, superblock.getLong(28), "end of file address");
    assertEquals(48, superblock.getLong(36), "root object header address");
    assertEquals("OHDR", new String(file, 48, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(Lookup3.checksum(file, 0, 44), superblock.getInt(44));
  }

  @Test
  void aGroupAddedInTwoPlacesBecomesTwoObjects() throws IOException {
    H5Group shared = H5Group.empty();
    H5Group root = H5Group.builder()
        .group("a", H5Group.builder().group("vars", shared).build())
        .group("vars", shared)
        .build();
    try (HdfFile h5 = read(root)) {
      assertNotEquals(h5.getByPath("a/vars").getAddress(), h5.getByPath("vars").getAddress());
    }
  }

  @Test
  void theSameTreeGivesTheSameBytes() throws IOException {
    assertArrayEquals(bytes(kerasLikeTree()), bytes(kerasLikeTree()));
  }

  /**
   * One header message holds at most 65535 bytes. A scalar string attribute named "x" takes 23
   * bytes besides its value (message fields 9, name 2, datatype 8, scalar dataspace 4).
   */
  @Test
  void anAttributeOverOneHeaderMessageIsRefusedBeforeTheFileIsCreated() throws IOException {
    String fits = "a".repeat(ObjectHeader.MAX_MESSAGE_SIZE - 23);
    try (HdfFile h5 = read(H5Group.builder().attribute("x", fits).build())) {
      assertEquals(fits, scalar(h5.getAttribute("x")));
    }

    // 7000 strings of up to 10 bytes, plus 41 bytes of fields, name, datatype and dataspace.
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7000; i++) {
      names.add("layer_" + i);
    }
    H5Group tooBig = H5Group.builder()
        .group("model_weights", H5Group.builder().attribute("layer_names", names).build())
        .build();
    Path file = dir.resolve("big.h5");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Hdf5Writer.write(tooBig, file));
    assertTrue(e.getMessage().startsWith("HDF5 object /model_weights: attribute 'layer_names'"
        + " takes 70041 bytes, more than the 65535"), e.getMessage());
    assertTrue(e.getMessage().contains("name0, name1"), e.getMessage());
    assertFalse(Files.exists(file));
    assertThrows(IllegalArgumentException.class,
        () -> bytes(H5Group.builder().attribute("x", fits + "a").build()));
  }

  @Test
  void invalidTreesAreRefused() {
    H5Dataset one = H5Dataset.float32(new long[] {1}, new float[] {1});
    for (String name : List.of("", ".", "a/b", "a\0b")) {
      assertThrows(IllegalArgumentException.class, () -> H5Group.builder().dataset(name, one),
          name);
    }
    H5Group.Builder builder = H5Group.builder().dataset("x", one).attribute("a", "1");
    assertThrows(IllegalArgumentException.class, () -> builder.group("x", H5Group.empty()));
    assertThrows(IllegalArgumentException.class, () -> builder.attribute("a", "2"));
    assertThrows(IllegalArgumentException.class,
        () -> H5Dataset.float32(new long[] {2, 2}, new float[3]));
    assertThrows(IllegalArgumentException.class,
        () -> H5Dataset.float32(new long[33], new float[0]));
  }

  @Test
  void aDatasetKeepsItsOwnCopyOfTheValues() {
    float[] values = {1, 2};
    long[] shape = {2};
    H5Dataset dataset = H5Dataset.float32(shape, values);
    values[0] = 9;
    shape[0] = 9;
    dataset.values()[1] = 9;
    assertArrayEquals(new float[] {1, 2}, dataset.values());
    assertArrayEquals(new long[] {2}, dataset.shape());
  }

  private static H5Group kerasLikeTree() {
    return H5Group.builder()
        .group("layers", H5Group.builder().group("dense", H5Group.builder()
            .group("vars", H5Group.builder()
                .dataset("0", H5Dataset.float32(new long[] {2, 1}, new float[] {0.5f, -1}))
                .dataset("1", H5Dataset.float32(new long[] {1}, new float[] {0.25f}))
                .build())
            .build()).build())
        .group("vars", H5Group.empty())
        .build();
  }

  private static byte[] bytes(H5Group root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Hdf5Writer.write(root, out);
    return out.toByteArray();
  }

  private static HdfFile read(H5Group root) throws IOException {
    return HdfFile.fromBytes(bytes(root));
  }

  private static String scalar(Attribute attribute) {
    assertTrue(attribute.isScalar(), attribute.getName());
    return assertInstanceOf(String.class, attribute.getData());
  }

  private static List<String> sortedNames(Group group) {
    return group.getChildren().keySet().stream().sorted().toList();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
