package dev.rnnkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes a file as strict UTF-8 while counting lines and bytes, so that the first malformed
 * byte is reported where it is: a {@link DataFileException} with the file, the line and the byte
 * offset. (The JDK's own decoders only say "Input length = 1".) A byte-order mark at the start
 * is dropped: it is not part of the text.
 */
final class Utf8Reader extends Reader {

  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int BUFFER = 1 << 13;

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip(); // kept ready to read
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip(); // kept ready to read
  private long offsetOfBuffer; // the file offset of bytes.array()[0]
  private long line = 1; // the line the decoder has reached
  private boolean startOfFile = true;
  private boolean endOfInput;
  private boolean finished;

  Utf8Reader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (finished) {
        return -1;
      }
      decodeMore();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(buffer, offset, n);
    return n;
  }

  /** Decodes at least one more character, or reaches the end of the file. */
  private void decodeMore() throws IOException {
    chars.clear();
    while (chars.position() == 0 && !finished) {
      if (!endOfInput) {
        readBytes();
      }
      int before = chars.position();
      CoderResult result = decoder.decode(bytes, chars, endOfInput);
      line += newlines(before, chars.position());
      if (result.isError()) {
        throw malformed();
      }
      finished = endOfInput && !bytes.hasRemaining();
    }
    chars.flip();
    if (startOfFile && chars.hasRemaining()) {
      startOfFile = false;
      if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
        chars.get();
      }
    }
  }

  private void readBytes() throws IOException {
    offsetOfBuffer += bytes.position();
    bytes.compact();
    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (read < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + read);
    }
    bytes.flip();
  }

  private int newlines(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (chars.get(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** The decoder stopped at the first byte of the malformed sequence. */
  private DataFileException malformed() {
    long offset = offsetOfBuffer + bytes.position();
    String value = String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position()) & 0xFF);
    return new DataFileException(file, line, "the file is not UTF-8 text (byte " + value
        + " at byte offset " + offset + " does not form a UTF-8 character): save it as UTF-8 (in"
        + " a spreadsheet, choose 'CSV UTF-8'; in a text editor, the UTF-8 encoding)");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
