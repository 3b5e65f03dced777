package dev.rnnkit.compare;

import dev.rnnkit.data.LongRangeTask;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.report.HtmlRenderer;
import dev.rnnkit.report.LearningCurves;
import dev.rnnkit.report.MarkdownRenderer;
import dev.rnnkit.report.ReportDocument;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a comparison's report: {@code report.md} and {@code report.html} with the same content
 * (one {@link ReportDocument} rendered twice), the plots as PNG files and {@code results.json}
 * with every figure. Every number in the report is read from the result.
 */
final class ComparisonReport {

  static final String MARKDOWN = "report.md";
  static final String HTML = "report.html";
  static final String JSON = "results.json";

  private ComparisonReport() {}

  static void write(ComparisonResult result, Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, BufferedImage> plots = result.plots();
    for (Map.Entry<String, BufferedImage> plot : plots.entrySet()) {
      LearningCurves.writePng(plot.getValue(), directory.resolve(plot.getKey() + ".png"));
    }
    ReportDocument document = document(result, plots);
    Json.prettyWriter().writeValue(directory.resolve(JSON).toFile(), json(result));
    // The pages last: when they exist, everything they refer to does too.
    Files.writeString(directory.resolve(MARKDOWN), MarkdownRenderer.render(document),
        StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(HTML), HtmlRenderer.render(document),
        StandardCharsets.UTF_8);
  }

  static ReportDocument document(ComparisonResult result, Map<String, BufferedImage> plots) {
    ReportDocument.Builder doc = ReportDocument.builder("LSTM vs GRU: the article's claims, measured");
    doc.paragraph("The article's model (Embedding → LSTM or GRU with 64 units → Dense(64, relu) →"
        + " Dense(1, sigmoid), Adam, binary cross-entropy) with each recurrent cell, trained on"
        + " the same data, with the same seeds and the same budget. GRU (reset_after=True) is"
        + " Keras's default GRU; GRU (reset_after=False) is the formula the article prints. All"
        + " models here are many-to-one (`return_sequences=False`): one prediction per sequence.");
    run(doc, result);
    verdicts(doc, result);
    parameters(doc, result);
    accuracy(doc, result, plots);
    time(doc, result);
    memory(doc, result, plots);
    if (!result.lengths().isEmpty()) {
      longRange(doc, result, plots);
    }
    perSeed(doc, result);
    method(doc, result);
    return doc.build();
  }

  private static void run(ReportDocument.Builder doc, ComparisonResult result) {
    ComparisonConfig c = result.config();
    RunEnvironment env = result.environment();
    doc.section("Run");
    doc.bullets(List.of(
        "Started " + env.startedAt() + "; took " + Figures.number(result.wallSeconds() / 60, 1)
            + " minutes.",
        "Machine: " + env.cores() + " cores, " + env.cpuModel() + "; " + env.os() + "; "
            + env.java() + ", max heap " + Figures.number(Figures.mebibytes(env.maxHeapBytes()), 0)
            + " MiB.",
        "Main data: " + result.dataDescription() + ".",
        String.format(Locale.ROOT, "Budget per model and seed: %d epochs, batch size %d. Seeds %s"
            + " (initial weights and shuffling; the data is the same for every seed).",
            c.epochs(), c.batchSize(), c.seeds()),
        "Models: " + result.cells().stream().map(ModelFacts::displayName)
            .collect(Collectors.joining(", ")) + "."));
  }

  private static void verdicts(ReportDocument.Builder doc, ComparisonResult result) {
    doc.section("Verdicts");
    doc.paragraph("A difference counts as clear when it exceeds what the spread over seeds"
        + " explains (Welch's t-test, 95%, two-sided); otherwise it is reported as within the"
        + " spread at the number of seeds run.");
    for (ClaimVerdict v : result.verdicts()) {
      doc.subsection(v.claim() + ": **" + v.outcome().text() + "**");
      doc.paragraph(v.summary());
      if (!v.evidence().isEmpty()) {
        doc.bullets(v.evidence());
      }
    }
  }

  private static void parameters(ReportDocument.Builder doc, ComparisonResult result) {
    doc.section("Parameters");
    List<List<String>> rows = new ArrayList<>();
    for (Cell cell : result.cells()) {
      ModelFacts m = result.model(cell);
      rows.add(List.of(m.name(), Figures.count(m.recurrentParams()), Figures.count(m.params()),
          Figures.count(m.forwardFlopsPerSample()), Figures.count(result.graphOperations(cell))));
    }
    doc.table(List.of("model", "recurrent layer parameters", "whole model parameters",
        "forward FLOPs per sequence", "graph operations"), rows);
    doc.paragraph("Graph operations count the whole training graph (forward pass, gradients,"
        + " Adam): the LSTM's forward pass is one fused op (unrolled where TensorFlow Java has no"
        + " custom gradients, as on Windows), the GRUs' are unrolled over the time steps; each op"
        + " costs dispatch time on top of its FLOPs, which at these sizes can matter as much as"
        + " the arithmetic.");
  }

  private static void accuracy(
      ReportDocument.Builder doc, ComparisonResult result, Map<String, BufferedImage> plots) {
    doc.section("Accuracy on the main data");
    doc.paragraph("Test figures after the last epoch, as mean ± standard deviation [min, max]"
        + " over seeds.");
    List<List<String>> rows = new ArrayList<>();
    for (Cell cell : result.cells()) {
      rows.add(List.of(ModelFacts.displayName(cell), Figures.spread(result.testAccuracy(cell), 4),
          Figures.spread(result.testLoss(cell), 4),
          result.runsOf(cell).stream().map(r -> Figures.number(r.testAccuracy(), 4))
              .collect(Collectors.joining(", "))));
    }
    doc.table(List.of("model", "test accuracy", "test loss", "accuracy per seed"), rows);
    if (result.cells().contains(Cell.LSTM)) {
      List<String> notes = new ArrayList<>();
      for (Cell cell : result.cells()) {
        if (cell != Cell.LSTM) {
          MeanDifference d = MeanDifference.of(result.testAccuracy(cell), result.testAccuracy(Cell.LSTM));
          notes.add(ModelFacts.displayName(cell) + " against LSTM: " + Verdicts.describe(d,
              "GRU clearly less accurate", "GRU clearly more accurate", result.config().seedCount()));
        }
      }
      doc.paragraph("Not a claim of the article, for context:");
      doc.bullets(notes);
    }
    image(doc, plots, ComparisonPlots.ACCURACY, "Test accuracy and loss per model");
    doc.subsection("Learning curves");
    doc.paragraph("Mean over seeds per epoch; training figures are Keras's running averages over"
        + " the epoch, validation figures are the test data after the epoch.");
    image(doc, plots, ComparisonPlots.LEARNING_CURVES, "Learning curves, mean over seeds");
  }

  private static void time(ReportDocument.Builder doc, ComparisonResult result) {
    doc.section("Training and inference time");
    LatencySettings l = result.config().latency();
    doc.paragraph(String.format(Locale.ROOT, "Training: seconds per epoch are the median of the"
        + " epochs after the first (the first also pays for TensorFlow's one-off graph"
        + " optimisation, shown separately); per step is that divided by %d steps. Inference:"
        + " wall time of one `predict` call on 1 sequence (%d warm-up calls, %d timed) and on"
        + " %d sequences (%d warm-up, %d timed), median and 90th percentile per seed. Mean ±"
        + " std [min, max] over seeds. Other processes on this machine add noise to every time.",
        result.runs().get(0).stepsPerEpoch(),
        l.singleWarmup(), l.singleRuns(), result.runs().get(0).latency().batchRows(),
        l.batchWarmup(), l.batchRuns()));
    doc.table(List.of("model", "train ms/step", "s/epoch", "first epoch s",
            "predict 1: median ms", "predict 1: p90 ms", "predict batch: median ms",
            "predict batch: p90 ms"),
        rows(result, List.of(
            c -> Figures.spread(result.millisPerStep(c), 2),
            c -> Figures.spread(result.secondsPerEpoch(c), 2),
            c -> Figures.spread(result.firstEpochSeconds(c), 2),
            c -> Figures.spread(result.singleLatencyMillis(c), 3),
            c -> Figures.spread(result.singleLatencyP90Millis(c), 3),
            c -> Figures.spread(result.batchLatencyMillis(c), 3),
            c -> Figures.spread(result.batchLatencyP90Millis(c), 3))));
  }

  private static void memory(
      ReportDocument.Builder doc, ComparisonResult result, Map<String, BufferedImage> plots) {
    doc.section("Memory");
    doc.paragraph("Peaks sampled every 20 ms from before the model is built until its last"
        + " prediction, in MiB: JVM heap in use (`MemoryMXBean`), the whole process's resident"
        + " memory (`org.bytedeco.javacpp.Pointer.physicalBytes()`: heap, TensorFlow's native"
        + " buffers, code) and the native memory JavaCPP's deallocators track"
        + " (`Pointer.totalBytes()`; TensorFlow allocates its tensors itself, so this stays small,"
        + " often 0). The resident figure is the one to compare for native memory, with a caveat:"
        + " all runs share one JVM, and memory freed by an earlier run often stays resident, so"
        + " it carries over; the model order rotates with the seed to spread that effect.");
    doc.table(List.of("model", "peak heap MiB", "peak resident MiB", "peak JavaCPP-tracked MiB"),
        rows(result, List.of(
            c -> Figures.spread(result.heapPeakMebibytes(c), 1),
            c -> Figures.spread(result.physicalPeakMebibytes(c), 1),
            c -> Figures.spread(result.javacppPeakMebibytes(c), 2))));
    image(doc, plots, ComparisonPlots.COST, "Time and peak memory per model");
  }

  private static void longRange(
      ReportDocument.Builder doc, ComparisonResult result, Map<String, BufferedImage> plots) {
    LongRangeSettings lr = result.config().longRange();
    doc.section("Long-range dependency");
    doc.paragraph(String.format(Locale.ROOT, "Task (`LongRangeTask`): sequences of random filler"
        + " ids from [%d, %d); in half of them (balanced) the marker id %d is placed at one random"
        + " position among the first %d. Label 1 exactly when the marker is there, so the label"
        + " depends only on the start, and a many-to-one model, which predicts from its last"
        + " state, must carry the marker through the whole sequence. Model: the article's"
        + " (Embedding %d → cell with %d units → Dense(64, relu) → Dense(1, sigmoid)) with a"
        + " %d-id vocabulary, since the task uses no more. Budget per length, model and seed:"
        + " %d epochs of %,d training sequences, batch %d; test on %,d other sequences. Chance"
        + " is 0.5; a model fails at a length when its mean test accuracy is below %s.",
        LongRangeTask.FIRST_FILLER_ID, lr.vocabulary(), LongRangeTask.MARKER_ID, lr.window(),
        ArticleModels.EMBEDDING_DIM, ArticleModels.UNITS, lr.vocabulary(), lr.epochs(),
        lr.trainSize(), result.config().batchSize(), lr.testSize(),
        Figures.number(ComparisonResult.FAILURE_ACCURACY, 2)));
    List<List<String>> accuracy = perLength(result,
        (cell, length) -> Figures.spread(result.longRangeAccuracy(cell, length), 3));
    List<String> fails = new ArrayList<>(List.of("fails from"));
    for (Cell cell : result.cells()) {
      OptionalInt at = result.failureLength(cell);
      fails.add(at.isPresent() ? String.valueOf(at.getAsInt()) : "holds at every length");
    }
    accuracy.add(fails);
    doc.table(lengthHeader(result, " accuracy"), accuracy);
    doc.paragraph("Training time per step grows with the length: every model steps through the"
        + " sequence one time step after another.");
    doc.table(lengthHeader(result, " ms/step"), perLength(result,
        (cell, length) -> Figures.spread(result.longRangeMillisPerStep(cell, length), 2)));
    image(doc, plots, ComparisonPlots.LONG_RANGE, "Long-range accuracy and step time per length");
  }

  private static List<String> lengthHeader(ComparisonResult result, String figure) {
    List<String> header = new ArrayList<>(List.of("length"));
    result.cells().forEach(c -> header.add(ModelFacts.displayName(c) + figure));
    return header;
  }

  /** One row per length: the length, then one cell per model. */
  private static List<List<String>> perLength(
      ComparisonResult result, BiFunction<Cell, Integer, String> cell) {
    List<List<String>> rows = new ArrayList<>();
    for (int length : result.lengths()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(length)));
      result.cells().forEach(c -> row.add(cell.apply(c, length)));
      rows.add(row);
    }
    return rows;
  }

  private static void perSeed(ReportDocument.Builder doc, ComparisonResult result) {
    doc.section("Per-seed figures");
    List<List<String>> rows = new ArrayList<>();
    for (Cell cell : result.cells()) {
      for (SeedRun r : result.runsOf(cell)) {
        rows.add(List.of(ModelFacts.displayName(cell), String.valueOf(r.seed()),
            Figures.number(r.testAccuracy(), 4), Figures.number(r.testLoss(), 4),
            Figures.number(r.millisPerStep(), 2), Figures.number(r.firstEpochSeconds(), 2),
            Figures.number(r.latency().singleMedianMillis(), 3),
            Figures.number(r.latency().batchMedianMillis(), 3),
            Figures.number(Figures.mebibytes(r.memory().heapBytes()), 1),
            Figures.number(Figures.mebibytes(r.memory().physicalBytes()), 1)));
      }
    }
    doc.table(List.of("model", "seed", "test accuracy", "test loss", "train ms/step",
        "first epoch s", "predict 1 ms", "predict batch ms", "peak heap MiB",
        "peak resident MiB"), rows);
    if (!result.longRangeRuns().isEmpty()) {
      List<List<String>> lrRows = new ArrayList<>();
      for (LongRangeRun r : result.longRangeRuns()) {
        lrRows.add(List.of(String.valueOf(r.length()), ModelFacts.displayName(r.cell()),
            String.valueOf(r.seed()), Figures.number(r.testAccuracy(), 4),
            Figures.number(r.trainAccuracy(), 4), Figures.number(r.millisPerStep(), 2)));
      }
      doc.paragraph("Long-range task, in the order the runs were made:");
      doc.table(List.of("length", "model", "seed", "test accuracy", "last-epoch train accuracy",
          "train ms/step"), lrRows);
    }
  }

  private static void method(ReportDocument.Builder doc, ComparisonResult result) {
    doc.section("Method and caveats");
    doc.bullets(List.of(
        "Every figure above comes from this run; `results.json` holds them all, per model and"
            + " seed.",
        "Models run one after another in one JVM; the order rotates with the seed, so no model"
            + " always runs first (cold JIT) or last (grown heap and native allocator).",
        "Spread over seeds covers initial weights and shuffling only: the data is the same for"
            + " every seed. Timing spread also includes the machine's load.",
        "Clear difference: |mean difference| above t(0.975, Welch-Satterthwaite df) × standard"
            + " error of the difference. With " + result.config().seedCount() + " seed(s) only"
            + " large differences can be clear; more seeds (`--seeds`) sharpen the test.",
        "Long-range results hold for this budget; where a model fails can move with more"
            + " epochs or data, so the verdict compares the models at equal budget."));
  }

  private static List<List<String>> rows(
      ComparisonResult result, List<Function<Cell, String>> columns) {
    List<List<String>> rows = new ArrayList<>();
    for (Cell cell : result.cells()) {
      List<String> row = new ArrayList<>(List.of(ModelFacts.displayName(cell)));
      columns.forEach(column -> row.add(column.apply(cell)));
      rows.add(row);
    }
    return rows;
  }

  private static void image(ReportDocument.Builder doc, Map<String, BufferedImage> plots,
      String name, String caption) {
    BufferedImage image = plots.get(name);
    if (image != null) {
      doc.image(name + ".png", caption, image);
    }
  }

  /** Every figure of the result, for other tools; plots and derived summaries are left out. */
  private static Map<String, Object> json(ComparisonResult result) {
    ComparisonConfig c = result.config();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data", c.data().name());
    config.put("cells", c.cells().stream().map(Cell::cliName).toList());
    config.put("seeds", c.seeds());
    config.put("epochs", c.epochs());
    config.put("batchSize", c.batchSize());
    config.put("trainSize", c.trainSize());
    config.put("testSize", c.testSize());
    config.put("longRange", c.longRange());
    config.put("latency", c.latency());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", result.environment());
    json.put("config", config);
    json.put("dataDescription", result.dataDescription());
    json.put("wallSeconds", result.wallSeconds());
    json.put("models", result.models());
    json.put("runs", result.runs());
    json.put("longRangeRuns", result.longRangeRuns());
    json.put("verdicts", result.verdicts());
    return json;
  }
}
