package dev.rnnkit.keras;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a {@code .keras} file within every {@link ArchiveLimits} (entry count, total size,
 * compression ratio) must still not exhaust memory. The tests craft zips of a few MB that unzip
 * to hundreds of MB or a gigabyte (and a legacy .h5 file of 20 KB that claims a 1 GiB config),
 * and import them in a child JVM with a 256 MiB heap, where reading an entry whole, or
 * allocating what a header claims, ends in OutOfMemoryError: both tests fail so on the code
 * before the fix.
 */
class SmallHeapImportTest {

  private static final String HEAP = "-Xmx256m";

  @TempDir Path dir;

  /**
   * A 1 GiB config.json (one long JSON string), about 20 MB zipped, is refused, not read; so is
   * a 20 KB legacy .h5 file whose model_config claims 1 GiB.
   */
  @Test
  void gigabyteConfigsAreRefusedUnderASmallHeap() throws IOException, InterruptedException {
    Map<String, byte[]> genuine = genuineEntries();
    Map<String, TestZips.EntryWriter> entries = new LinkedHashMap<>();
    entries.put(KerasArchive.CONFIG, out -> {
      out.write("{\"class_name\": \"Sequential\", \"config\": {\"name\": \""
          .getBytes(StandardCharsets.UTF_8));
      TestZips.fill(out, 1L << 30);
      out.write("\"}}".getBytes(StandardCharsets.UTF_8));
    });
    entries.put(KerasArchive.METADATA, TestZips.bytes(genuine.get(KerasArchive.METADATA)));
    entries.put(KerasArchive.WEIGHTS, TestZips.bytes(genuine.get(KerasArchive.WEIGHTS)));
    Path file = TestZips.stream(dir.resolve("huge-config.keras"), entries);
    long size = requireWithinTheArchiveLimits(file, KerasArchive.CONFIG, 1L << 30);
    Path h5 = JsonCapTest.legacyH5ClaimingAGigabyteConfig(dir.resolve("huge-config.h5"));

    String said = importInChild(dir.resolve("tmp"), file, h5);
    assertMentions(said, "REFUSED " + file + ": entry config.json unzips to " + size
        + " bytes, beyond the limit of 8 MiB (8388608 bytes)", "ArchiveLimits.MAX_JSON_BYTES",
        "A real Keras config.json is far smaller", "REFUSED " + h5 + ": the attribute"
        + " model_config of / takes " + (1L << 30) + " bytes, beyond the limit of 8 MiB");
  }

  /**
   * A 384 MiB model.weights.h5 (the genuine weights, then padding that HDF5 readers skip) imports
   * under a 256 MiB heap: the weights are unzipped to a temporary file, not into memory. The
   * temporary file is gone afterwards, and so it is when the import fails: while the weights
   * unzip (their header understates their size) or after (they are not HDF5).
   */
  @Test
  void aLargeWeightsFileImportsUnderASmallHeap() throws IOException, InterruptedException {
    byte[] weights = genuineEntries().get(KerasArchive.WEIGHTS);
    long padding = 384L << 20;
    Path large = withWeights("large-weights.keras", out -> {
      out.write(weights);
      TestZips.fill(out, padding);
    });
    requireWithinTheArchiveLimits(large, KerasArchive.WEIGHTS, padding);
    Path understated = withWeights("understated-weights.keras", out -> {
      out.write(weights);
      TestZips.fill(out, padding);
    });
    TestZips.declareSize(understated, KerasArchive.WEIGHTS, weights.length);
    Path notHdf5 = withWeights("not-hdf5-weights.keras", out -> TestZips.fill(out, 1 << 20));

    Path tmp = dir.resolve("tmp");
    String said = importInChild(tmp, large, understated, notHdf5);
    assertMentions(said, "IMPORTED " + large + ": 7 weights of 4 layers", // LSTM, Dropout, Dense, Dense
        "REFUSED " + understated + ": entry model.weights.h5 holds more data than the "
            + weights.length + " bytes its header declares",
        "REFUSED " + notHdf5 + "!/model.weights.h5 is not a readable HDF5 file");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "temporary files left behind");
    }
  }

  /** The genuine .keras file with other weights. */
  private Path withWeights(String name, TestZips.EntryWriter weights) throws IOException {
    Map<String, byte[]> genuine = genuineEntries();
    Map<String, TestZips.EntryWriter> entries = new LinkedHashMap<>();
    entries.put(KerasArchive.CONFIG, TestZips.bytes(genuine.get(KerasArchive.CONFIG)));
    entries.put(KerasArchive.METADATA, TestZips.bytes(genuine.get(KerasArchive.METADATA)));
    entries.put(KerasArchive.WEIGHTS, weights);
    return TestZips.stream(dir.resolve(name), entries);
  }

  private static Map<String, byte[]> genuineEntries() throws IOException {
    return TestZips.entries(H5pyWrittenFilesTest.resource("h5py_keras3.keras"));
  }

  /**
   * The crafted entry is as large as meant, and passes the default ratio and total limits.
   *
   * @return its size
   */
  private static long requireWithinTheArchiveLimits(Path file, String name, long atLeast)
      throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      long size = zip.getEntry(name).getSize();
      long compressed = zip.getEntry(name).getCompressedSize();
      ArchiveLimits limits = ArchiveLimits.defaults();
      assertTrue(size >= atLeast && size < limits.maxTotalBytes()
          && size < compressed * limits.maxCompressionRatio() / 1.5,
          name + " unzips from " + compressed + " to " + size + " bytes");
      assertTrue(Files.size(file) < 32 << 20, file + " is " + Files.size(file) + " bytes");
      return size;
    }
  }

  /** Imports the files in a child JVM with a small heap and its own temporary folder. */
  private static String importInChild(Path tmp, Path... files)
      throws IOException, InterruptedException {
    Files.createDirectories(tmp);
    Path log = tmp.resolveSibling("child.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, HEAP, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), SmallHeapImportMain.class.getName()));
    Arrays.stream(files).map(Path::toString).forEach(command::add);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish in 5 minutes");
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), "the child JVM (" + HEAP + ") failed (exit " + p.exitValue()
        + "):\n" + output);
    assertMentions(output, "HEAP 256 MiB");
    return output;
  }
}
