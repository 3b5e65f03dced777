package dev.rnnkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates text that is not valid UTF-8, for error messages that point at a line. */
final class Utf8 {

  private Utf8() {}

  /** The 1-based line of the first byte sequence that is not UTF-8, or -1 when there is none. */
  static long firstLineNotUtf8(Path file) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (InputStream stream = Files.newInputStream(file)) {
      boolean end = false;
      while (!end) {
        int read = stream.read(in.array(), in.position(), in.remaining());
        end = read < 0;
        in.position(in.position() + Math.max(read, 0));
        in.flip();
        CoderResult result = decoder.decode(in, out, end);
        line += newlines(out);
        if (result.isError()) {
          return line;
        }
        in.compact();
      }
    }
    return -1;
  }

  private static int newlines(CharBuffer decoded) {
    decoded.flip();
    int count = 0;
    while (decoded.hasRemaining()) {
      if (decoded.get() == '\n') {
        count++;
      }
    }
    decoded.clear();
    return count;
  }
}
