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
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Labelled texts in CSV files with a header line (RFC 4180: comma-separated, fields with commas,
 * quotes or line breaks in double quotes). Reads any such file given the names of its text and
 * label columns; writes {@code label,text}.
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
   * @param labelColumn header name of the column holding the label, 0 or 1
   */
  public static List<LabelledText> read(Path file, String textColumn, String labelColumn)
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

  private static List<LabelledText> parse(
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
      List<LabelledText> rows = readRows(file, parser, header.size(), textIndex, labelIndex);
      if (rows.isEmpty()) {
        throw new DataFileException(file, DataFileException.NO_LINE,
            "the file has a header but no rows: add one row per text below the header");
      }
      return rows;
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

  private static List<LabelledText> readRows(
      Path file, CSVParser parser, int columns, int textIndex, int labelIndex)
      throws DataFileException {
    List<LabelledText> rows = new ArrayList<>();
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
      int label = label(file, line, record.get(labelIndex), parser.getHeaderNames().get(labelIndex));
      rows.add(new LabelledText(record.get(textIndex), label));
    }
  }

  private static int label(Path file, long line, String value, String column)
      throws DataFileException {
    switch (value.strip()) {
      case "0":
        return 0;
      case "1":
        return 1;
      default:
        throw new DataFileException(file, line, "the label column '" + column + "' holds '" + value
            + "' but a label must be 0 or 1: map the two classes to 0 and 1 (for example"
            + " negative = 0, positive = 1)");
    }
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
