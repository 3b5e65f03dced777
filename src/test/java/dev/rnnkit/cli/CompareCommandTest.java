package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.compare.ComparisonConfig;
import dev.rnnkit.compare.Verdicts;
import dev.rnnkit.data.CsvSource;
import dev.rnnkit.data.ImdbSource;
import dev.rnnkit.data.SplitPolicy;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

  private static final List<String> MODELS =
      List.of("LSTM", "GRU (reset_after=True)", "GRU (reset_after=False)");
  private static final List<String> SECTIONS = List.of("## Run", "## Verdicts", "## Parameters",
      "## Accuracy on the main data", "### Learning curves", "## Training and inference time",
      "## Memory", "## Long-range dependency", "## Per-seed figures", "## Method and caveats");
  private static final List<String> PLOTS =
      List.of("learning-curves.png", "test-accuracy.png", "cost.png", "long-range.png");

  /**
   * The CI run: {@code compare --quick} on synthetic data, checked for a complete report whose
   * figures come from the run.
   */
  @Test
  void quickRunWritesACompleteReport(@TempDir Path dir) throws Exception {
    CliTest.Run r = CliTest.run("compare", "--quick", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("[18/18] long-range length 25"), r.out());

    String md = Files.readString(dir.resolve("report.md"));
    for (String section : SECTIONS) {
      assertTrue(md.contains("\n" + section + "\n"), "missing section " + section);
    }
    for (String claim : List.of(Verdicts.FEWER_PARAMETERS, Verdicts.FASTER, Verdicts.CHEAPER,
        Verdicts.LONG_RANGE)) {
      assertTrue(md.contains("### " + claim + ": **"), "missing verdict on " + claim);
    }
    for (String model : MODELS) {
      // Parameters, accuracy, time and memory tables: one row each; per-seed table: two.
      int rows = md.split("\n\\| " + java.util.regex.Pattern.quote(model) + " \\|", -1).length - 1;
      assertTrue(rows >= 6, model + " has " + rows + " table rows");
    }

    JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    JsonNode runs = json.get("runs");
    assertEquals(6, runs.size(), "3 models x 2 seeds");
    assertEquals(12, json.get("longRangeRuns").size(), "2 lengths x 3 models x 2 seeds");
    Set<Double> losses = new HashSet<>();
    for (JsonNode run : runs) {
      double accuracy = run.get("testAccuracy").asDouble();
      losses.add(run.get("testLoss").asDouble());
      assertTrue(md.contains(String.format(Locale.ROOT, "| %.4f |", accuracy)),
          "report shows accuracy " + accuracy);
      assertTrue(run.get("latency").get("singleMedianMillis").asDouble() > 0);
      assertTrue(run.get("memory").get("physicalBytes").asLong() > 0);
      assertTrue(run.get("memory").get("heapBytes").asLong() > 0);
      for (JsonNode seconds : run.get("epochSeconds")) {
        assertTrue(seconds.asDouble() > 0);
      }
    }
    assertEquals(6, losses.size(), "every model and seed has its own test loss: " + losses);

    String html = Files.readString(dir.resolve("report.html"));
    for (String plot : PLOTS) {
      BufferedImage image = ImageIO.read(dir.resolve(plot).toFile());
      assertNotNull(image, plot + " decodes");
      assertTrue(image.getWidth() > 100 && image.getHeight() > 100, plot);
      assertTrue(md.contains("](" + plot + ")"), "report.md shows " + plot);
      assertTrue(html.contains("href=\"" + plot + "\""), "report.html links " + plot);
    }
    assertTrue(html.contains("data:image/png;base64,"), "report.html inlines the plots");

    // Another seed, another run: the figures change with it.
    Path other = dir.resolve("other-seed");
    CliTest.Run again = CliTest.run("compare", "--quick", "--seed", "1000", "--models", "lstm",
        "--no-long-range", "--out", other.toString());
    assertEquals(0, again.exit(), again.err());
    JsonNode otherRuns = new ObjectMapper().readTree(other.resolve("results.json").toFile()).get("runs");
    assertEquals(2, otherRuns.size());
    List<Double> lstmLosses = new ArrayList<>();
    for (JsonNode run : runs) {
      if (run.get("cell").asText().equals("LSTM")) {
        lstmLosses.add(run.get("testLoss").asDouble());
      }
    }
    for (JsonNode run : otherRuns) {
      assertTrue(!lstmLosses.contains(run.get("testLoss").asDouble()),
          "seed 1000 gives other figures than seeds 42, 43");
    }
    assertTrue(!Files.readString(other.resolve("report.md")).contains("## Long-range dependency"));
  }

  @Test
  void quickIsAPresetUnderExplicitOptions() {
    ComparisonConfig config = parse("--quick", "--seeds", "3", "--lengths", "40,20");
    ComparisonConfig quick = ComparisonConfig.quick();
    assertEquals(3, config.seedCount());
    assertEquals(List.of(20, 40), config.longRange().lengths());
    assertEquals(quick.epochs(), config.epochs());
    assertEquals(quick.trainSize(), config.trainSize());
    assertEquals(quick.longRange().epochs(), config.longRange().epochs());
  }

  @Test
  void defaultsAreTheConfigDefaults() {
    assertEquals(ComparisonConfig.defaults(), parse());
    CliTest.Run help = CliTest.run("compare", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Usage: rnnkit compare"), help.out());
    ComparisonConfig defaults = ComparisonConfig.defaults();
    String text = help.out().replaceAll("\\s+", " "); // undo picocli's line wrapping
    assertTrue(text.contains("Default: " + defaults.seedCount() + "."), text);
    assertTrue(text.contains("Default: " + String.join(",",
        defaults.longRange().lengths().stream().map(String::valueOf).toList()) + "."), text);
  }

  @Test
  void dataChoices(@TempDir Path dir) throws Exception {
    assertEquals(new ImdbSource(Path.of("data")), parse("--data", "imdb").data());
    Path csv = Files.writeString(dir.resolve("reviews.csv"), "review,sentiment\ngood,1\nbad,0\n");
    assertEquals(new CsvSource(csv, "review", "sentiment", SplitPolicy.BALANCED_HALVES),
        parse("--data", csv.toString(), "--text-column", "review", "--label-column", "sentiment")
            .data());
  }

  @Test
  void aCsvFileIsComparedInBalancedHalvesUnlessAnotherSplitIsNamed(@TempDir Path dir)
      throws Exception {
    Path csv = Files.writeString(dir.resolve("reviews.csv"), "text,label\ngood,1\nbad,0\n");
    assertEquals(new CsvSource(csv, "text", "label", SplitPolicy.BALANCED_HALVES),
        parse("--csv", csv.toString()).data());
    assertEquals(new CsvSource(csv, "text", "label", SplitPolicy.EIGHTY_TWENTY),
        parse("--data", csv.toString(), "--split", "80-20").data());
  }

  @Test
  void limitSetsBothSizesOverThePreset() {
    ComparisonConfig limited = parse("--quick", "--limit", "300");
    assertEquals(List.of(300, 300), List.of(limited.trainSize(), limited.testSize()));
    ComparisonConfig trainOnly = parse("--quick", "--train-size", "300");
    assertEquals(List.of(300, ComparisonConfig.quick().testSize()),
        List.of(trainOnly.trainSize(), trainOnly.testSize()));
  }

  @Test
  void badDataIsExplained() {
    CliTest.Run missing = CliTest.run("compare", "--data", "no-such-file.csv");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("neither synthetic, imdb nor an existing CSV file"),
        missing.err());
    CliTest.Run columns = CliTest.run("compare", "--text-column", "review");
    assertEquals(1, columns.exit());
    assertTrue(columns.err().contains("apply only to a CSV file"), columns.err());
    CliTest.Run seeds = CliTest.run("compare", "--seeds", "0");
    assertEquals(1, seeds.exit());
    assertTrue(seeds.err().contains("seeds must be at least 1"), seeds.err());
  }

  private static ComparisonConfig parse(String... args) {
    CompareCommand command = new CompareCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void otherSeedsGiveOtherConfigs() {
    assertNotEquals(parse("--seed", "1").seeds(), parse("--seed", "2").seeds());
  }
}
