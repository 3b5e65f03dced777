package dev.rnnkit.data;

import static dev.rnnkit.Mentions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8Test {

  @TempDir Path dir;

  private Path file(byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    return Files.write(dir.resolve("texts.txt"), bytes.toByteArray());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private DataFileException notUtf8(Path file) {
    return assertThrows(DataFileException.class, () -> Utf8.readLines(file));
  }

  @Test
  void aBadByteIsReportedWithItsFileLineAndByteOffset() throws IOException {
    Path file = file(utf8("fine\ncaf"), new byte[] {(byte) 0xE9}, utf8(" au lait\n"));
    DataFileException e = notUtf8(file);
    assertMentions(e.getMessage(), file + ", line 2: the file is not UTF-8 text",
        "byte 0xE9 at byte offset 8", "save it as UTF-8");
    assertEquals(2, e.line());
  }

  @Test
  void theOffsetCountsBytesOfEarlierBuffersAndMultiByteCharacters() throws IOException {
    String before = "caf\u00e9 \u20ac\n".repeat(5000); // 10 bytes a line, 7 characters
    Path file = file(utf8(before), new byte[] {'x', (byte) 0x80});
    assertMentions(notUtf8(file).getMessage(), "line 5001", "byte 0x80 at byte offset 50001");
  }

  @Test
  void aCharacterCutOffAtTheEndIsReported() throws IOException {
    Path file = file(utf8("ok\n"), new byte[] {(byte) 0xC3});
    assertMentions(notUtf8(file).getMessage(), "line 2", "byte 0xC3 at byte offset 3");
  }

  @Test
  void validTextReadsAsTheJdkReadsIt() throws IOException {
    String text = "caf\u00e9 \u20ac \uD83D\uDE00\r\n".repeat(3000) + "last";
    Path file = file(utf8(text));
    assertEquals(Files.readAllLines(file, StandardCharsets.UTF_8), Utf8.readLines(file));
  }

  @Test
  void aByteOrderMarkAtTheStartIsDropped() throws IOException {
    Path file = file(utf8("\uFEFFgood movie\nbad \uFEFF movie\n"));
    assertEquals(List.of("good movie", "bad \uFEFF movie"), Utf8.readLines(file));
  }

  @Test
  void anEmptyFileHasNoLines() throws IOException {
    assertEquals(List.of(), Utf8.readLines(file()));
  }
}
