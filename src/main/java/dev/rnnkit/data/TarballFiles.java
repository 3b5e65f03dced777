package dev.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a gzipped tar archive (an npm tarball) in archive order, in memory:
 * nothing is written to disk, so an entry's name cannot reach outside a folder, and links and
 * other entry types are skipped. Knows the POSIX ustar headers npm writes, with a pax header's
 * {@code path} or a GNU long name for paths of more than 100 characters.
 */
final class TarballFiles {

  private static final int BLOCK = 512;
  /** A larger entry is refused: the data sets read this way hold many small files. */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** Receives each regular file: its path in the archive and its content. */
  @FunctionalInterface
  interface Visitor {
    void file(String path, byte[] content) throws IOException;
  }

  private TarballFiles() {}

  static void forEachFile(Path tgz, Visitor visitor) throws IOException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      String longName = null;
      byte[] header = new byte[BLOCK];
      while (readBlock(in, header) && !allZero(header)) {
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        if (size < 0 || size > MAX_FILE_BYTES) {
          throw new IOException("The entry " + name + " has " + size + " bytes, more than the "
              + MAX_FILE_BYTES + " read in memory: this is not the expected package");
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length != size) {
          throw new EOFException("The tarball ends inside the entry " + name + ": it is cut short");
        }
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        switch (type) {
          case '0', '\0' -> visitor.file(name, content);
          case 'x' -> longName = paxPath(content);
          case 'L' -> longName = cString(content, 0, content.length);
          default -> { } // folders, links, devices: not data
        }
      }
    }
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("The tarball ends inside an entry's header: it is cut short");
    }
    return true;
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The ustar name, with its prefix field (bytes 345-500) in front when there is one. */
  private static String name(byte[] header) {
    String name = cString(header, 0, 100);
    boolean ustar = cString(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] bytes, int from, int length) {
    int end = from;
    while (end < from + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int from, int length) throws IOException {
    String digits = cString(header, from, length).trim();
    try {
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new IOException("A tar header's size is not an octal number ('" + digits + "'):"
          + " this is not a tar archive, or it is damaged", e);
    }
  }

  /** The {@code path} record of a pax extended header ({@code "LEN path=VALUE\n"}), or null. */
  private static String paxPath(byte[] content) {
    String records = new String(content, StandardCharsets.UTF_8);
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }
}
