package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledCsvTest {

  @TempDir Path dir;

  private Path csv(String content) throws IOException {
    Path file = dir.resolve("reviews.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private DataFileException failure(Path file, String text, String label) {
    return assertThrows(DataFileException.class, () -> LabelledCsv.read(file, text, label));
  }

  private static void assertMentions(Exception e, String... fragments) {
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
    }
  }

  @Test
  void readsNamedColumnsInAnyOrderWithQuotingAndBlankLines() throws IOException {
    Path file = csv("id,review,sentiment\n"
        + "7,\"Great, really.\",1\n"
        + "\n"
        + "8,\"Two\nlines, \"\"quoted\"\"\", 0 \n");
    List<LabelledText> rows = LabelledCsv.read(file, "review", "sentiment");
    assertEquals(List.of(new LabelledText("Great, really.", 1),
        new LabelledText("Two\nlines, \"quoted\"", 0)), rows);
  }

  @Test
  void skipsTheByteOrderMarkThatSpreadsheetsWrite() throws IOException {
    Path file = csv("\uFEFFtext,label\nfine,1\n");
    assertEquals(List.of(new LabelledText("fine", 1)), LabelledCsv.read(file, "text", "label"));
  }

  @Test
  void writtenFilesReadBackTheSame() throws IOException {
    List<LabelledText> rows = List.of(new LabelledText("a, \"b\"\nc", 1), new LabelledText("", 0),
        new LabelledText("plain", 0));
    Path file = dir.resolve("out/split.csv");
    LabelledCsv.write(file, rows);
    assertTrue(Files.readString(file).startsWith("label,text\n"));
    assertEquals(rows, LabelledCsv.read(file, LabelledCsv.TEXT_COLUMN, LabelledCsv.LABEL_COLUMN));
    try (var left = Files.list(file.getParent())) {
      assertEquals(1, left.count(), "no temporary file may remain");
    }
  }

  @Test
  void missingColumnListsTheColumnsPresent() throws IOException {
    Path file = csv("review,stars\nok,1\n");
    DataFileException e = failure(file, "review", "label");
    assertMentions(e, file.toString(), "line 1", "no label column named 'label'",
        "its columns are 'review', 'stars'", "pass one of these names");
    assertEquals(1, e.line());
  }

  @Test
  void rowWithTooManyFieldsNamesItsLine() throws IOException {
    Path file = csv("text,label\nfine,1\nnot, quoted,0\n");
    DataFileException e = failure(file, "text", "label");
    assertMentions(e, file.toString(), "line 3", "3 fields but the header has 2", "double quotes");
    assertEquals(3, e.line());
  }

  @Test
  void lineNumbersCountLinesInsideQuotedFields() throws IOException {
    Path file = csv("text,label\n\"one\ntwo\nthree\",1\nbad,-1\n");
    DataFileException e = failure(file, "text", "label");
    assertMentions(e, "line 5", "'-1'", "a whole number 0, 1, 2", "map the classes to 0, 1, 2");
  }

  @Test
  void windowsLineEndingsCountAsOneLine() throws IOException {
    Path file = csv("text,label\r\nfine,1\r\nbad,2.0\r\n");
    assertMentions(failure(file, "text", "label"), "line 3", "holds '2.0'");
  }

  @Test
  void unclosedQuoteIsMalformedAtTheLineItStarts() throws IOException {
    Path file = csv("text,label\nfine,1\n\"never closed,0\nmore,1\n");
    DataFileException e = failure(file, "text", "label");
    assertMentions(e, file.toString(), "line 3", "malformed CSV", "double quotes");
  }

  @Test
  void labelThatIsANumberButNotAClass() throws IOException {
    Path file = csv("text,label\nfine,1\nhmm,0.5\n");
    assertMentions(failure(file, "text", "label"), file.toString(), "line 3",
        "the label column 'label' holds '0.5'", "a whole number 0, 1, 2, ... or a class name");
  }

  @Test
  void zeroOneLabelsStayBinaryWithoutClassNames() throws IOException {
    LabelledCsv.Classified read =
        LabelledCsv.readClasses(csv("text,label\nfine,1\nbad,0\n"), "text", "label");
    assertEquals(List.of(new LabelledText("fine", 1), new LabelledText("bad", 0)), read.rows());
    assertEquals(null, read.classNames());
  }

  @Test
  void classNumbersStayAsGivenAndAreNamedByTheirNumbers() throws IOException {
    LabelledCsv.Classified read = LabelledCsv.readClasses(
        csv("text,label\nsky,3\nsea, 0 \nsun,1\n"), "text", "label");
    assertEquals(List.of(3, 0, 1), read.rows().stream().map(LabelledText::label).toList());
    assertEquals(List.of("0", "1", "2", "3"), read.classNames());
  }

  @Test
  void classNamesAreNumberedInUnicodeOrder() throws IOException {
    // 'Zebra' before 'apple' (upper case first), 'é' after 'z', a supplementary character last.
    LabelledCsv.Classified read = LabelledCsv.readClasses(csv("text,label\n"
        + "a,zoo\nb,apple\nc,Zebra\nd,\u00e9t\u00e9\ne,\uD83D\uDE00\nf,apple\ng,\uFFFD\n"),
        "text", "label");
    assertEquals(List.of("Zebra", "apple", "zoo", "\u00e9t\u00e9", "\uFFFD", "\uD83D\uDE00"),
        read.classNames());
    assertEquals(List.of(2, 1, 0, 3, 5, 1, 4),
        read.rows().stream().map(LabelledText::label).toList());
  }

  @Test
  void twoNamedClassesKeepTheirNames() throws IOException {
    LabelledCsv.Classified read = LabelledCsv.readClasses(
        csv("text,label\nfine,positive\nbad,negative\n"), "text", "label");
    assertEquals(List.of("negative", "positive"), read.classNames());
    assertEquals(List.of(1, 0), read.rows().stream().map(LabelledText::label).toList());
  }

  @Test
  void numbersAndNamesMixedAreRefusedAtTheFirstOdd() throws IOException {
    Path file = csv("text,label\nfine,1\nbad,0\nhmm,maybe\n");
    assertMentions(failure(file, "text", "label"), file.toString(), "line 4", "'maybe'",
        "'1' on line 2", "all class numbers (0, 1, 2, ...) or all class names");
  }

  @Test
  void emptyLabelNamesItsLine() throws IOException {
    Path file = csv("text,label\nfine,1\nbad,\n");
    assertMentions(failure(file, "text", "label"), "line 3", "is empty", "give every row a class");
  }

  @Test
  void emptyFile() throws IOException {
    Path file = csv("");
    DataFileException e = failure(file, "text", "label");
    assertMentions(e, file.toString(), "the file is empty", "header line");
    assertEquals(DataFileException.NO_LINE, e.line());
  }

  @Test
  void headerWithoutRows() throws IOException {
    assertMentions(failure(csv("text,label\n"), "text", "label"), "header but no rows");
  }

  @Test
  void duplicateColumnName() throws IOException {
    Path file = csv("text,label,text\na,1,b\n");
    assertMentions(failure(file, "text", "label"), "line 1", "'text' more than once");
  }

  @Test
  void fileThatIsNotUtf8NamesTheLine() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, "text,label\nfine,1\ncaf\u00e9,0\n".getBytes(StandardCharsets.ISO_8859_1));
    assertMentions(failure(file, "text", "label"), file.toString(), "line 3", "not UTF-8",
        "byte 0xE9 at byte offset 21", "save it as UTF-8");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.csv");
    assertMentions(failure(file, "text", "label"), file.toString(), "no such file");
  }
}
