package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory tar reader, on tarballs npm packs (so with npm's headers) and on broken ones. */
class TarballFilesTest {

  @TempDir Path temp;

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.txt", "first");
    files.put("data/empty.json", "");
    // Over 100 characters: npm's tar needs its long-name form (ustar prefix or a pax header).
    files.put("data/" + "d".repeat(60) + "/" + "f".repeat(70) + ".json", "{\"long\": true}");
    files.put("data/" + "x".repeat(120) + ".json", "one long name");
    files.put("big.bin", "0123456789".repeat(1000)); // spans many 512-byte blocks
    return files;
  }

  @Test
  void everyFileOfAnNpmTarballComesWithItsPathAndContent() throws IOException {
    Path tarball = NpmTarballs.pack("tar-test", "1.0.0", files(), temp.resolve("npm"));
    Map<String, String> read = new TreeMap<>();

    TarballFiles.forEachFile(tarball,
        (path, content) -> read.put(path, new String(content, StandardCharsets.UTF_8)));

    Map<String, String> expected = new TreeMap<>();
    files().forEach((path, content) -> expected.put("package/" + path, content));
    read.remove("package/package.json");
    assertEquals(expected, read);
  }

  @Test
  void aTarballCutShortIsAnError() throws IOException {
    Path tarball = NpmTarballs.pack("tar-test", "1.0.0", files(), temp.resolve("npm"));
    byte[] tar = TestGzip.gunzip(tarball);
    Path cut = temp.resolve("cut.tgz");
    TestGzip.gzip(Arrays.copyOf(tar, 512 + 300), cut); // a header and part of its content

    IOException e = assertThrows(IOException.class, () -> TarballFiles.forEachFile(cut,
        (path, content) -> { }));
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
  }

  @Test
  void gzippedTextThatIsNoTarIsRefused() throws IOException {
    Path notTar = temp.resolve("not.tgz");
    TestGzip.gzip("hello, this is not a tar archive\n".repeat(40).getBytes(StandardCharsets.UTF_8),
        notTar);

    IOException e = assertThrows(IOException.class, () -> TarballFiles.forEachFile(notTar,
        (path, content) -> { }));
    assertTrue(e.getMessage().contains("not a tar archive"), e.getMessage());
  }

  /** Gzip in and out for the broken tarballs above. */
  private static final class TestGzip {
    static byte[] gunzip(Path file) throws IOException {
      try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }

    static void gzip(byte[] bytes, Path file) throws IOException {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(bytes);
      }
    }
  }
}
