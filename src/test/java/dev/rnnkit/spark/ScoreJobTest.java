package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.Mentions;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job spark-submit runs: CSV (RFC 4180, multi-line quoted reviews), Parquet and JSON in;
 * Parquet or CSV out, written whole or not at all; an existing output kept unless --force, and
 * kept even then when the job fails.
 */
class ScoreJobTest {

  @TempDir static Path tmp;
  static Path model;
  static Path reviews;
  static List<String> texts;
  static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    model = tmp.resolve("gru");
    ExportFixtures.savedModel(ArticleModels.Cell.GRU, false, 3, model).close();
    spark = LocalSpark.session();
    texts = new ArrayList<>(SavedModelScorerTest.texts(SavedModelScorerTest.BATCH, 9));
    texts.set(1, "A review over\ntwo lines, with \"quotes\", commas.");
    texts.set(2, "");
    reviews = tmp.resolve("reviews.csv");
    try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(reviews), CSVFormat.RFC4180)) {
      csv.printRecord("label", "text");
      for (int i = 0; i < texts.size(); i++) {
        csv.printRecord(i % 2, texts.get(i));
      }
      // A row without its text field: Spark reads it as null.
      csv.printRecord(1);
    }
  }

  static String run(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScoreJob.run(spark, ScoreJob.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void scoresACsvOfReviewsIntoParquetAsTheModelDoes() throws IOException {
    String output = tmp.resolve("scores").toString();
    String report = run("--model", model.toString(), "--input", reviews.toString(), "--output", output);
    Mentions.assertMentions(report, "Scored 251 rows", output, "parquet");
    // An empty CSV field is null to Spark (its nullValue), as is a missing one: no score.
    long empty = texts.stream().filter(String::isEmpty).count();
    Mentions.assertMentions(report, (empty + 1) + " rows have no score", "text: the input is null");
    List<Row> rows = spark.read().parquet(output).collectAsList();
    assertEquals(251, rows.size());
    float[] expected = SavedModelScorerTest.reference(model, texts);
    int matched = 0;
    for (Row row : rows) {
      int i = texts.indexOf(row.getString(1));
      if (row.getString(1) == null) {
        assertNull(row.get(2));
        assertEquals("text: the input is null", row.getString(3));
        continue;
      }
      assertEquals(expected[i], row.getFloat(2), 0f, row.getString(1));
      matched++;
    }
    assertEquals(250 - empty, matched);
  }

  @Test
  void writesCsvWithArraysAsJsonText() throws IOException {
    Path json = tmp.resolve("ids.json");
    Files.writeString(json, "{\"id\": 1, \"ids\": [0, 0, 1, 4, 5, 2, 6, 7]}\n"
        + "{\"id\": 2, \"ids\": [1, 2]}\n");
    Path output = tmp.resolve("ids-scores");
    String report = run("--model", model.toString(), "--input", json.toString(), "--text-column",
        "ids", "--signature", "serving_default", "--output", output.toString(), "--format", "csv",
        "--score-column", "p");
    Mentions.assertMentions(report, "Scored 2 rows", "1 rows have no score", "shape [2]");
    List<CSVRecord> records = readCsv(output);
    assertEquals(List.of("id", "ids", "p", "score_error"), records.get(0).getParser().getHeaderNames());
    CSVRecord first = records.stream().filter(r -> r.get("id").equals("1")).findFirst().orElseThrow();
    assertEquals("[0,0,1,4,5,2,6,7]", first.get("ids"));
    assertTrue(Float.parseFloat(first.get("p")) > 0f);
    // The CSV's JSON arrays are read back as the model's ids: the same score.
    Path again = tmp.resolve("ids-again");
    run("--model", model.toString(), "--input", output.toString(), "--input-format", "csv",
        "--text-column", "ids", "--signature", "serving_default", "--output", again.toString(),
        "--score-column", "q", "--error-column", "why");
    Row rescored = spark.read().parquet(again.toString()).filter("id = '1'").first();
    assertEquals(Float.parseFloat(first.get("p")), rescored.getFloat(rescored.fieldIndex("q")), 0f);
  }

  @Test
  void anExistingOutputIsKeptUnlessForcedAndKeptWhenTheForcedJobFails() throws IOException {
    Path output = tmp.resolve("kept");
    run("--model", model.toString(), "--input", reviews.toString(), "--output", output.toString(),
        "--format", "csv");
    List<String> before = partFiles(output);
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class, () -> run("--model",
        model.toString(), "--input", reviews.toString(), "--output", output.toString()))
        .getMessage(), "exists", "--force");
    assertThrows(IllegalArgumentException.class, () -> run("--model", model.toString(), "--input",
        reviews.toString(), "--text-column", "review", "--output", output.toString(), "--force"));
    assertEquals(before, partFiles(output));
    run("--model", model.toString(), "--input", reviews.toString(), "--output", output.toString(),
        "--force");
    assertTrue(partFiles(output).stream().allMatch(name -> name.endsWith(".parquet")));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".writing-")),
          "no half-written output is left behind");
    }
  }

  @Test
  void badArgumentsAreRefusedWithWhatToDo() {
    Mentions.assertMentions(assertThrows(NoSuchFileException.class, () -> run("--model",
        model.toString(), "--input", tmp.resolve("none.csv").toString(), "--output",
        tmp.resolve("x").toString())).getMessage(), "none.csv", "no such input");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class, () -> run("--model",
        model.toString(), "--input", tmp.toString(), "--output", tmp.resolve("y").toString()))
        .getMessage(), "--input-format");
    Mentions.assertMentions(assertThrows(IllegalArgumentException.class, () -> run("--model",
        model.toString(), "--input", reviews.toString(), "--output", tmp.toString(), "--force"))
        .getMessage(), "holds the input", "another --output");
    assertTrue(Files.isRegularFile(reviews), "the input is untouched");
    assertEquals(2, ScoreJob.execute("--model", "m", "--input", "i.csv", "--output", "o",
        "--format", "xml"));
    assertEquals(2, ScoreJob.execute("--input", "i.csv", "--output", "o"));
  }

  static List<String> partFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-"))
          .sorted().toList();
    }
  }

  static List<CSVRecord> readCsv(Path folder) throws IOException {
    List<CSVRecord> records = new ArrayList<>();
    for (String part : partFiles(folder)) {
      try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(Files.newBufferedReader(folder.resolve(part)))) {
        records.addAll(parser.getRecords());
      }
    }
    return records;
  }
}
