package dev.rnnkit.keras;

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
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reading and writing zips entry by entry, to take .keras files apart and craft others. */
final class TestZips {

  private TestZips() {}

  static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
      }
    }
    return entries;
  }

  /** Writes the entries, deflated, in map order. */
  static Path write(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /**
   * Rewrites the uncompressed size that the zip's central directory (which ZipFile trusts) gives
   * an entry. ZipOutputStream puts the sizes of deflated entries in a data descriptor after the
   * data, so the local header has none to contradict it.
   */
  static void declareSize(Path file, String name, int size) throws IOException {
    byte[] zip = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + 46 < zip.length; at++) {
      if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == wanted.length
          && new String(zip, at + 46, wanted.length, StandardCharsets.UTF_8).equals(name)) {
        buffer.putInt(at + 24, size);
        Files.write(file, zip);
        return;
      }
    }
    throw new IllegalStateException("no central directory entry " + name + " in " + file);
  }

  /** Writes one entry's data to the zip; lets a test stream an entry too large to hold. */
  interface EntryWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the entries, deflated, in map order, each streamed by its writer. */
  static Path stream(Path file, Map<String, EntryWriter> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, EntryWriter> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        entry.getValue().writeTo(zip);
        zip.closeEntry();
      }
    }
    return file;
  }

  /** An entry writer of fixed bytes. */
  static EntryWriter bytes(byte[] data) {
    return out -> out.write(data);
  }

  /**
   * Writes {@code count} bytes (rounded up to 64 KiB) of spaces and letters, valid inside a JSON
   * string, that deflate about 50 to 1: far below {@link ArchiveLimits#defaults()}'s 100 to 1,
   * so a zip of gigabytes of them passes the ratio check, as the bomb of issue 16 did (1.9 GB
   * from 27 MB). Each 64 KiB block starts with 1,500 random letters; the blocks repeat, but
   * 64 KiB apart, beyond deflate's 32 KiB window, so they never compress against each other.
   */
  static void fill(OutputStream out, long count) throws IOException {
    byte[] block = new byte[64 << 10];
    Arrays.fill(block, (byte) ' ');
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    Random random = new Random(16);
    for (int i = 0; i < 1_500; i++) {
      block[i] = (byte) letters.charAt(random.nextInt(letters.length()));
    }
    for (long written = 0; written < count; written += block.length) {
      out.write(block);
    }
  }
}
