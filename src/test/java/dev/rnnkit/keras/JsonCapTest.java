package dev.rnnkit.keras;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16: no JSON text of a Keras file is read beyond {@link ArchiveLimits#MAX_JSON_BYTES}
 * (8 MiB), whatever the format: the entries of a {@code .keras} zip or directory, the
 * {@code model_config} attribute of a legacy {@code .h5}, the metadata of a SavedModel.
 * {@link SmallHeapImportTest} shows the same under a small heap, in a child JVM.
 */
class JsonCapTest {

  private static final byte[] JSON_START =
      "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] JSON_END = "\"}}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static Map<String, byte[]> genuineEntries() throws IOException {
    return TestZips.entries(H5pyWrittenFilesTest.resource("h5py_keras3.keras"));
  }

  /** A JSON text of one long string, just over the limit. */
  private static void overTheLimit(OutputStream out) throws IOException {
    out.write(JSON_START);
    TestZips.fill(out, ArchiveLimits.MAX_JSON_BYTES);
    out.write(JSON_END);
  }

  private static Map<String, TestZips.EntryWriter> genuineWith(String name,
      TestZips.EntryWriter writer) throws IOException {
    Map<String, TestZips.EntryWriter> entries = new LinkedHashMap<>();
    genuineEntries().forEach((n, bytes) -> entries.put(n, TestZips.bytes(bytes)));
    entries.put(name, writer);
    return entries;
  }

  @ParameterizedTest
  @ValueSource(strings = {KerasArchive.CONFIG, KerasArchive.METADATA})
  void aJsonEntryOverTheLimitIsRefused(String name) throws IOException {
    Path file = TestZips.stream(dir.resolve("big.keras"), genuineWith(name, JsonCapTest::overTheLimit));
    long size = ArchiveLimits.MAX_JSON_BYTES + JSON_START.length + JSON_END.length;
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasImporter.importModel(file));
    assertMentions(e.getMessage(), file + ": entry " + name + " unzips to " + size
        + " bytes, beyond the limit of 8 MiB (8388608 bytes) that RNNKit reads of a Keras config"
        + " (ArchiveLimits.MAX_JSON_BYTES)", "A real Keras " + name + " is far smaller",
        "damaged or crafted to exhaust memory");
  }

  /** The limit is counted on the bytes as they unzip, not taken from the entry's header. */
  @Test
  void aJsonEntryWhoseHeaderUnderstatesItsSizeStopsAtTheHeader() throws IOException {
    Path file = TestZips.stream(dir.resolve("liar.keras"), genuineWith(KerasArchive.CONFIG,
        out -> {
          out.write(JSON_START);
          TestZips.fill(out, 64L << 20);
          out.write(JSON_END);
        }));
    TestZips.declareSize(file, KerasArchive.CONFIG, ArchiveLimits.MAX_JSON_BYTES);
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasImporter.importModel(file));
    assertMentions(e.getMessage(), file + ": entry config.json holds more data than the "
        + ArchiveLimits.MAX_JSON_BYTES + " bytes its header declares");
  }

  /** Weights too are counted as they unzip to their temporary file. */
  @Test
  void aWeightsEntryWhoseHeaderUnderstatesItsSizeStopsAtTheHeader() throws IOException {
    byte[] weights = genuineEntries().get(KerasArchive.WEIGHTS);
    Path file = TestZips.stream(dir.resolve("liar.keras"), genuineWith(KerasArchive.WEIGHTS,
        out -> {
          out.write(weights);
          TestZips.fill(out, 64L << 20);
        }));
    TestZips.declareSize(file, KerasArchive.WEIGHTS, weights.length);
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasImporter.importModel(file));
    assertMentions(e.getMessage(), file + ": entry model.weights.h5 holds more data than the "
        + weights.length + " bytes its header declares");
  }

  @Test
  void aJsonEntryAtTheLimitIsRead() throws IOException {
    Map<String, byte[]> entries = genuineEntries();
    byte[] config = Arrays.copyOf(entries.get(KerasArchive.CONFIG), ArchiveLimits.MAX_JSON_BYTES);
    Arrays.fill(config, entries.get(KerasArchive.CONFIG).length, config.length, (byte) ' ');
    entries.put(KerasArchive.CONFIG, config);
    Path file = TestZips.write(dir.resolve("padded.keras"), entries);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertEquals(ArchiveLimits.MAX_JSON_BYTES, zip.getEntry(KerasArchive.CONFIG).getSize());
    }
    // 8 MiB of spaces deflate far beyond 100 to 1; only the ratio limit is raised here.
    ImportedModel model = KerasImporter.importModel(file, ImportOptions.defaults()
        .withArchiveLimits(new ArchiveLimits(1_000, 4L << 30, 100_000)));
    assertEquals(7, model.weights().size());
  }

  @Test
  void anUnzippedConfigOverTheLimitIsRefused() throws IOException {
    Path unzipped = Files.createDirectory(dir.resolve("unzipped"));
    for (Map.Entry<String, byte[]> entry : genuineEntries().entrySet()) {
      Files.write(unzipped.resolve(entry.getKey()), entry.getValue());
    }
    Path config = unzipped.resolve(KerasArchive.CONFIG);
    try (OutputStream out = Files.newOutputStream(config)) {
      overTheLimit(out);
    }
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasImporter.importModel(unzipped));
    assertMentions(e.getMessage(), config + " is " + Files.size(config)
        + " bytes, beyond the limit of 8 MiB", "A real Keras config.json is far smaller");
  }

  /**
   * h5py keeps a string attribute such as model_config in a global heap collection, which the
   * HDF5 reader loads whole; one whose header claims 1 GiB is refused before it is loaded.
   */
  @Test
  void aLegacyModelConfigOfAGigabyteIsRefusedBeforeItIsRead() throws IOException {
    Path file = legacyH5ClaimingAGigabyteConfig(dir.resolve("huge-config.h5"));
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasImporter.importModel(file));
    assertMentions(e.getMessage(), file + ": the attribute model_config of / takes "
        + (1L << 30) + " bytes, beyond the limit of 8 MiB", "A real Keras model_config is far"
        + " smaller");
  }

  @Test
  void aSavedModelObjectWithMetadataOverTheLimitIsRefused() throws IOException {
    byte[] json = new byte[ArchiveLimits.MAX_JSON_BYTES + 1];
    Arrays.fill(json, (byte) ' ');
    json[0] = '"';
    json[json.length - 1] = '"';
    Path file = dir.resolve("keras_metadata.pb");
    try (OutputStream out = Files.newOutputStream(file)) {
      // SavedMetadata { nodes: SavedObject { node_id: 3, metadata: json } }
      int nodeLength = CodedOutputStream.computeInt32Size(2, 3)
          + CodedOutputStream.computeByteArraySize(5, json);
      CodedOutputStream pb = CodedOutputStream.newInstance(out);
      pb.writeTag(1, 2);
      pb.writeUInt32NoTag(nodeLength);
      pb.writeInt32(2, 3);
      pb.writeByteArray(5, json);
      pb.flush();
    }
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasMetadataReader.read(file));
    assertMentions(e.getMessage(), file + ": the Keras metadata of node 3 takes "
        + json.length + " bytes, beyond the limit of 8 MiB");

    // A node that claims 1 GiB is refused on its length, before anything of it is read.
    Files.write(file, new byte[] {0x0a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04});
    e = assertThrows(KerasImportException.class, () -> KerasMetadataReader.read(file));
    assertMentions(e.getMessage(), file + ": the Keras metadata of object 0 takes "
        + (1L << 30) + " bytes, beyond the limit of 8 MiB");
  }

  /**
   * The h5py-written legacy .h5 file, 20 KB, with the header of the global heap collection that
   * holds its model_config (and its other strings) claiming 1 GiB. jhdf's file reader allocates
   * a collection whole before it reads it.
   */
  static Path legacyH5ClaimingAGigabyteConfig(Path file) throws IOException {
    byte[] h5 = Files.readAllBytes(H5pyWrittenFilesTest.resource("h5py_legacy.h5"));
    int collection = indexOf(h5, "GCOL".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putLong(collection + 8, 1L << 30);
    return Files.write(file, h5);
  }

  private static int indexOf(byte[] data, byte[] wanted) {
    for (int at = 0; at + wanted.length <= data.length; at++) {
      if (Arrays.equals(data, at, at + wanted.length, wanted, 0, wanted.length)) {
        return at;
      }
    }
    throw new IllegalStateException("not found");
  }
}
