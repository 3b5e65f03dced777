package dev.rnnkit.data;

import dev.rnnkit.io.AtomicWrite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Labelled texts in CSV files with a header line (RFC 4180: comma-separated, fields with commas,
 * quotes or line breaks in double quotes). Reads any such file given the names of its text and
 * label columns; writes {@code label,text}.
 *
 * <p>A label is a class: either whole numbers 0, 1, 2, ... in every row (kept as given, so the
 * classes are 0 to the largest), or names in every row, numbered in Unicode order of the names so
 * that the same file always gives the same numbering (Keras's sparse labels are such indices).
 */
public final class LabelledCsv {

  /** Column names of the files {@link #write} makes. */
  public static final String LABEL_COLUMN = "label";
  public static final String TEXT_COLUMN = "text";

  private static final String QUOTING_FIX =
      "close every quoted field, put double quotes around every field that holds a comma, a"
          + " quote or a line break, and double each quote inside such a field (\"\")";

  private LabelledCsv() {}

  /**
   * The rows of {@code file} as labelled texts. Blank lines are skipped. Every problem is a
   * {@link DataFileException} naming the file, the line and the fix.
   *
   * @param textColumn header name of the column holding the text
   * @param labelColumn header name of the column holding the label: a class number or name
   */
  public static List<LabelledText> read(Path file, String textColumn, String labelColumn)
      throws IOException {
    return readClasses(file, textColumn, labelColumn).rows();
  }

  /**
   * The rows of {@code file} with their classes: labels as class indices, and the class names
   * when there are more than two classes or the labels are names (null for 0/1 labels, which
   * stay the binary task).
   */
  public static Classified readClasses(Path file, String textColumn, String labelColumn)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, DataFileException.NO_LINE,
          "no such file: check the path (relative paths start at " + Path.of("").toAbsolutePath() + ")");
    }
    try (BufferedReader reader = Utf8.reader(file)) {
      return parse(file, reader, textColumn, labelColumn);
    }
  }

  /** Writes {@code rows} to {@code file} with the header {@code label,text}, replacing it whole. */
  public static void write(Path file, List<LabelledText> rows) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader(LABEL_COLUMN, TEXT_COLUMN)
        .setRecordSeparator('\n')
        .get();
    AtomicWrite.file(file, temporary -> {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(writer, format)) {
        for (LabelledText row : rows) {
          printer.printRecord(row.label(), row.text());
        }
      }
    });
  }

  /**
   * Labelled rows and their class names.
   *
   * @param classNames the names of classes 0, 1, ..., or null for a binary task labelled 0/1
   */
  public record Classified(List<LabelledText> rows, List<String> classNames) {
    public Classified {
      rows = List.copyOf(rows);
      classNames = classNames == null ? null : List.copyOf(classNames);
    }
  }

  private static Classified parse(
      Path file, BufferedReader reader, String textColumn, String labelColumn) throws IOException {
    CSVParser parser;
    try {
      parser = format().parse(reader);
    } catch (UncheckedIOException e) {
      throw rowProblem(file, 1, e.getCause());
    } catch (IOException e) {
      throw rowProblem(file, 1, e);
    }
    try (parser) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new DataFileException(file, DataFileException.NO_LINE,
            "the file is empty: a labelled CSV needs a header line naming its columns (for"
                + " example '" + LABEL_COLUMN + "," + TEXT_COLUMN + "') and one row per text");
      }
      int textIndex = columnIndex(file, header, textColumn, "text");
      int labelIndex = columnIndex(file, header, labelColumn, "label");
      List<RawRow> rows = readRows(file, parser, header.size(), textIndex, labelIndex);
      if (rows.isEmpty()) {
        throw new DataFileException(file, DataFileException.NO_LINE,
            "the file has a header but no rows: add one row per text below the header");
      }
      return classify(file, rows, header.get(labelIndex));
    }
  }

  private static CSVFormat format() {
    // Blank lines come through as records so that line numbers can be counted exactly.
    return CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(false)
        .get();
  }

  /** A row as read, its label not yet a class index. */
  private record RawRow(long line, String text, String label) {}

  private static List<RawRow> readRows(
      Path file, CSVParser parser, int columns, int textIndex, int labelIndex)
      throws DataFileException {
    List<RawRow> rows = new ArrayList<>();
    Iterator<CSVRecord> records = parser.iterator();
    long previousRecordEnd = parser.getCurrentLineNumber();
    while (true) {
      long line = previousRecordEnd + 1; // where the next record starts
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return rows;
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        throw rowProblem(file, line, e.getCause());
      } catch (IllegalStateException e) {
        throw rowProblem(file, line, e);
      }
      previousRecordEnd = parser.getCurrentLineNumber();
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // blank line
      }
      if (record.size() != columns) {
        throw new DataFileException(file, line, "the row has " + record.size() + " fields but the"
            + " header has " + columns + ": " + QUOTING_FIX);
      }
      rows.add(new RawRow(line, record.get(textIndex), record.get(labelIndex).strip()));
    }
  }

  private static final Pattern CLASS_NUMBER = Pattern.compile("\\d{1,9}");
  /** Anything a spreadsheet would take for a number: such a label must be a class number. */
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /**
   * Class indices for the labels, all numbers or all names: a mix is most likely a slip (a
   * stray header, a shifted column), so it is refused rather than guessed at.
   */
  private static Classified classify(Path file, List<RawRow> rows, String column)
      throws DataFileException {
    RawRow first = rows.get(0);
    boolean numbers = isClassNumber(file, first, column);
    for (RawRow row : rows) {
      if (isClassNumber(file, row, column) != numbers) {
        throw new DataFileException(file, row.line(), "the label column '" + column + "' holds '"
            + row.label() + "' here but '" + first.label() + "' on line " + first.line()
            + ": labels must be all class numbers (0, 1, 2, ...) or all class names; use one"
            + " kind in every row");
      }
    }
    List<LabelledText> texts = new ArrayList<>();
    if (numbers) {
      int classes = 0;
      for (RawRow row : rows) {
        int label = Integer.parseInt(row.label());
        classes = Math.max(classes, label + 1);
        texts.add(new LabelledText(row.text(), label));
      }
      // 0/1 labels stay the binary (sigmoid) task exactly as before; more are numbered classes.
      List<String> names = classes <= 2 ? null
          : IntStream.range(0, classes).mapToObj(Integer::toString).toList();
      return new Classified(texts, names);
    }
    // Unicode (code point) order: the same names always get the same indices.
    List<String> names = rows.stream().map(RawRow::label).distinct()
        .sorted(Comparator.comparing((String name) -> name.codePoints().toArray(), Arrays::compare))
        .toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    for (RawRow row : rows) {
      texts.add(new LabelledText(row.text(), index.get(row.label())));
    }
    return new Classified(texts, names);
  }

  /** Whether the label is a class number; refuses empty labels and numbers that are not classes. */
  private static boolean isClassNumber(Path file, RawRow row, String column)
      throws DataFileException {
    String value = row.label();
    if (value.isEmpty()) {
      throw new DataFileException(file, row.line(), "the label column '" + column + "' is empty:"
          + " give every row a class, a number (0, 1, 2, ...) or a name");
    }
    if (CLASS_NUMBER.matcher(value).matches()) {
      return true;
    }
    if (NUMBER_LIKE.matcher(value).matches()) {
      throw new DataFileException(file, row.line(), "the label column '" + column + "' holds '"
          + value + "' but a label must be a class: a whole number 0, 1, 2, ... or a class name;"
          + " map the classes to 0, 1, 2, ... (for binary data negative = 0, positive = 1)");
    }
    return false;
  }

  private static int columnIndex(Path file, List<String> header, String column, String role)
      throws DataFileException {
    int first = header.indexOf(column);
    if (first < 0) {
      String present = header.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
      throw new DataFileException(file, 1, "the header has no " + role + " column named '" + column
          + "'; its columns are " + present + ": pass one of these names or rename the column");
    }
    if (Collections.frequency(header, column) > 1) {
      throw new DataFileException(file, 1, "the header names the " + role + " column '" + column
          + "' more than once: rename all but one of them");
    }
    return first;
  }

  private static DataFileException rowProblem(Path file, long line, Throwable problem) {
    if (problem instanceof DataFileException known) {
      return known; // text that is not UTF-8, located by the reader
    }
    return new DataFileException(file, line, "malformed CSV (" + problem.getMessage() + "): "
        + QUOTING_FIX, problem);
  }
}
