package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.Mentions;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * score: the Spark job from the command line, here (Spark on the test class path) and in a JVM
 * of its own with the Spark jars of target/spark.classpath, as {@code java -jar rnnkit.jar score}
 * runs it.
 */
class ScoreCliTest {

  @TempDir static Path dir;
  static Path model;
  static Path reviews;

  @BeforeAll
  static void writeModelAndReviews() throws IOException {
    model = dir.resolve("run/model");
    ExportFixtures.savedModel(ArticleModels.Cell.LSTM, false, 4, model).close();
    reviews = Files.writeString(dir.resolve("reviews.csv"), """
        label,text
        1,"The movie was good, ""very"" good."
        0,"Bad film.
        Bad."
        1,don't
        """);
  }

  @Test
  void helpNamesTheJobAndItsOptions() {
    CliTest.Run help = CliTest.run("score", "--help");
    assertEquals(0, help.exit(), help.err());
    Mentions.assertMentions(help.out(), "--model=URI", "--input=PATH", "--text-column",
        "--output=PATH", "--format", "--master", "--trust-model", "spark-submit --class"
            + " dev.rnnkit.spark.ScoreJob");
  }

  @Test
  void scoresACsvAndSaysWhatIsWrong() throws IOException {
    Path out = dir.resolve("scores");
    CliTest.Run run = CliTest.run("score", "--model", model.toString(), "--input",
        reviews.toString(), "--output", out.toString(), "--format", "csv");
    assertEquals(0, run.exit(), run.err());
    Mentions.assertMentions(run.out(), "Scored 3 rows", out.toString(), "csv");
    assertEquals(3, csvRows(out));
    // The scores are predict's, which prints them to 4 decimals.
    for (org.apache.commons.csv.CSVRecord row : csvRecords(out)) {
      CliTest.Run predict = CliTest.run("predict", "--model", model.toString(), "--text",
          row.get("text"));
      assertEquals(0, predict.exit(), predict.err());
      assertTrue(predict.out().startsWith(String.format(java.util.Locale.ROOT, "%.4f",
          Float.parseFloat(row.get("score")))), predict.out() + " vs " + row.get("score"));
    }

    // The run's folder stands for its model/, as in predict.
    CliTest.Run runFolder = CliTest.run("score", "--model", model.getParent().toString(), "--input",
        reviews.toString(), "--output", dir.resolve("scores-run").toString());
    assertEquals(0, runFolder.exit(), runFolder.err());
    Mentions.assertMentions(runFolder.err(), "whose model is in model/");

    CliTest.Run missing = CliTest.run("score", "--model", model.toString(), "--input",
        dir.resolve("nothing.csv").toString(), "--output", dir.resolve("x").toString());
    assertEquals(1, missing.exit());
    Mentions.assertMentions(missing.err(), "nothing.csv", "no such input");
    assertEquals(2, CliTest.run("score", "--model", model.toString()).exit());
  }

  @Test
  void runsInAJvmOfItsOwnWithSparksJars() throws Exception {
    Path out = dir.resolve("scores-child");
    int exit = ScoreCommand.runInSparkJvm(List.of("--model", model.toString(), "--input",
        reviews.toString(), "--output", out.toString(), "--format", "csv", "--master", "local[2]"));
    assertEquals(0, exit);
    assertEquals(3, csvRows(out));
  }

  private static long csvRows(Path folder) throws IOException {
    long rows = csvRecords(folder).size();
    assertTrue(rows > 0);
    return rows;
  }

  private static List<org.apache.commons.csv.CSVRecord> csvRecords(Path folder) throws IOException {
    List<org.apache.commons.csv.CSVRecord> rows = new java.util.ArrayList<>();
    try (Stream<Path> parts = Files.list(folder)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
            .setSkipHeaderRecord(true).build().parse(Files.newBufferedReader(part))) {
          rows.addAll(parser.getRecords());
        }
      }
    }
    return rows;
  }
}
