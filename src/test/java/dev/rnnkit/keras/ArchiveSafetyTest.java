package dev.rnnkit.keras;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted .keras zips: entry names that leave the archive, and zip bombs (too many entries, too
 * much data, too high a ratio, a header that lies about the size) are refused before they unzip.
 */
class ArchiveSafetyTest {

  @TempDir Path dir;

  /** The entries of a real .keras file that h5py wrote, to which the tests add their own. */
  private static Map<String, byte[]> genuineEntries() throws IOException {
    return TestZips.entries(H5pyWrittenFilesTest.resource("h5py_keras3.keras"));
  }

  private static KerasImportException refused(Path file) {
    return assertThrows(KerasImportException.class, () -> KerasImporter.importModel(file));
  }

  private static KerasImportException refused(Path file, ArchiveLimits limits) {
    return assertThrows(KerasImportException.class, () -> KerasImporter.importModel(file,
        ImportOptions.defaults().withArchiveLimits(limits)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.sh", "assets/../../evil.sh", "/etc/cron.d/evil",
      "..\\evil.bat", "C:\\Windows\\evil.bat"})
  void entriesThatLeaveTheArchiveAreRefused(String name) throws IOException {
    Map<String, byte[]> entries = genuineEntries();
    entries.put(name, "echo pwned".getBytes(StandardCharsets.UTF_8));
    Path file = TestZips.write(dir.resolve("traversal.keras"), entries);
    assertMentions(refused(file).getMessage(), file.toString(), "entry named '" + name + "'",
        "points outside the archive", "path traversal");
  }

  @Test
  void tooManyEntries() throws IOException {
    Map<String, byte[]> entries = genuineEntries();
    for (int i = 0; i < 1_000; i++) {
      entries.put("assets/" + i, new byte[0]);
    }
    Path file = TestZips.write(dir.resolve("many.keras"), entries);
    assertMentions(refused(file).getMessage(), file.toString(), "holds 1003 entries",
        "beyond the limit of 1000 entries", "ArchiveLimits.maxEntries", "zip bomb",
        "ImportOptions.withArchiveLimits");
  }

  @Test
  void tooMuchDataInAll() throws IOException {
    Path file = H5pyWrittenFilesTest.resource("h5py_keras3.keras");
    assertMentions(refused(file, new ArchiveLimits(1_000, 10_000, 100)).getMessage(),
        file.toString(), "unzips to more than 10000 bytes", "ArchiveLimits.maxTotalBytes");
    // Within the limits the same file imports.
    KerasImporter.importModel(file, ImportOptions.defaults()
        .withArchiveLimits(new ArchiveLimits(3, 1_000_000, 100)));
  }

  @Test
  void anEntryThatExpandsTooMuch() throws IOException {
    Map<String, byte[]> entries = genuineEntries();
    entries.put("assets/zeros.bin", new byte[8 << 20]); // 8 MiB of zeros deflate about 1000 to 1
    Path file = TestZips.write(dir.resolve("bomb.keras"), entries);
    assertMentions(refused(file).getMessage(), file.toString(), "entry assets/zeros.bin",
        "to 8388608 bytes", "beyond the limit of 100 times its compressed size",
        "ArchiveLimits.maxCompressionRatio", "zip bomb");
  }

  @Test
  void anEntryLargerThanItsHeaderSays() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>(genuineEntries());
    Path file = TestZips.write(dir.resolve("liar.keras"), entries);
    int declared = 10;
    TestZips.declareSize(file, "config.json", declared);
    assertMentions(refused(file).getMessage(), file.toString(), "entry config.json",
        "holds more data than the 10 bytes its header declares", "crafted");
  }
}
