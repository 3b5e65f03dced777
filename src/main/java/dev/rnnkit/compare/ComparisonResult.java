package dev.rnnkit.compare;

import dev.rnnkit.model.ArticleModels.Cell;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * Everything a comparison measured, per model and per seed, with the summaries a notebook plots:
 * {@link Spread}s over seeds, mean learning curves, long-range accuracy per length, the
 * verdicts, the plots and the written report.
 *
 * @param dataDescription what the main data was, in words
 * @param runs one per model and seed on the main data, in the order they ran
 * @param longRangeRuns one per length, seed and model, in the order they ran
 * @param wallSeconds how long the whole comparison took
 */
public record ComparisonResult(
    ComparisonConfig config,
    RunEnvironment environment,
    String dataDescription,
    List<ModelFacts> models,
    List<SeedRun> runs,
    List<LongRangeRun> longRangeRuns,
    double wallSeconds) {

  /**
   * Below this mean test accuracy a model is said to fail the long-range task at a length:
   * halfway between chance (0.5, the labels are balanced) and perfect.
   */
  public static final double FAILURE_ACCURACY = 0.75;

  public ComparisonResult {
    models = List.copyOf(models);
    runs = List.copyOf(runs);
    longRangeRuns = List.copyOf(longRangeRuns);
  }

  /** The compared models, in the config's order. */
  public List<Cell> cells() {
    return config.cells();
  }

  public ModelFacts model(Cell cell) {
    return models.stream().filter(m -> m.cell() == cell).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(cell + " was not part of this comparison"));
  }

  /** The runs of one model on the main data, one per seed, in seed order. */
  public List<SeedRun> runsOf(Cell cell) {
    model(cell); // fails clearly for a model the run did not include
    return runs.stream().filter(r -> r.cell() == cell)
        .sorted((a, b) -> Long.compare(a.seed(), b.seed())).toList();
  }

  /** Any per-seed figure of one model, over seeds. */
  public Spread spread(Cell cell, ToDoubleFunction<SeedRun> figure) {
    return Spread.of(runsOf(cell).stream().mapToDouble(figure).toArray());
  }

  public Spread testAccuracy(Cell cell) {
    return spread(cell, SeedRun::testAccuracy);
  }

  public Spread testLoss(Cell cell) {
    return spread(cell, SeedRun::testLoss);
  }

  /**
   * Operations in the model's TensorFlow graph, as built for the first seed (the graph does not
   * depend on the seed). Many small ops cost dispatch time that FLOPs do not show.
   */
  public int graphOperations(Cell cell) {
    return runsOf(cell).get(0).graphOperations();
  }

  /** Training milliseconds per step (median of the epochs after the first, per seed). */
  public Spread millisPerStep(Cell cell) {
    return spread(cell, SeedRun::millisPerStep);
  }

  public Spread secondsPerEpoch(Cell cell) {
    return spread(cell, SeedRun::secondsPerEpoch);
  }

  /** The first epoch, which includes TensorFlow's one-off graph optimisation. */
  public Spread firstEpochSeconds(Cell cell) {
    return spread(cell, SeedRun::firstEpochSeconds);
  }

  /** Median single-sequence predict latency of each seed's model, over seeds. */
  public Spread singleLatencyMillis(Cell cell) {
    return spread(cell, r -> r.latency().singleMedianMillis());
  }

  public Spread singleLatencyP90Millis(Cell cell) {
    return spread(cell, r -> r.latency().singleP90Millis());
  }

  /** Median predict latency of one batch ({@code config().batchSize()} sequences), over seeds. */
  public Spread batchLatencyMillis(Cell cell) {
    return spread(cell, r -> r.latency().batchMedianMillis());
  }

  public Spread batchLatencyP90Millis(Cell cell) {
    return spread(cell, r -> r.latency().batchP90Millis());
  }

  public Spread heapPeakMebibytes(Cell cell) {
    return spread(cell, r -> Figures.mebibytes(r.memory().heapBytes()));
  }

  public Spread physicalPeakMebibytes(Cell cell) {
    return spread(cell, r -> Figures.mebibytes(r.memory().physicalBytes()));
  }

  public Spread javacppPeakMebibytes(Cell cell) {
    return spread(cell, r -> Figures.mebibytes(r.memory().javacppBytes()));
  }

  /**
   * The mean over seeds of one history metric per epoch: {@code loss}, {@code accuracy},
   * {@code val_loss} or {@code val_accuracy}.
   */
  public List<Double> meanCurve(Cell cell, String metric) {
    List<SeedRun> seeds = runsOf(cell);
    int epochs = config.epochs();
    List<Double> mean = new ArrayList<>(epochs);
    for (int e = 0; e < epochs; e++) {
      double sum = 0;
      for (SeedRun run : seeds) {
        List<Double> values = run.history().get(metric);
        if (values == null) {
          throw new IllegalArgumentException("No metric '" + metric + "' in the history; it has "
              + run.history().keySet());
        }
        sum += values.get(e);
      }
      mean.add(sum / seeds.size());
    }
    return List.copyOf(mean);
  }

  /** Mean learning curves of one model, keyed as Keras's history is. */
  public Map<String, List<Double>> meanCurves(Cell cell) {
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      curves.put(metric, meanCurve(cell, metric));
    }
    return Collections.unmodifiableMap(curves);
  }

  /** The long-range lengths, ascending; empty when the test was skipped. */
  public List<Integer> lengths() {
    return config.longRange().lengths();
  }

  private List<LongRangeRun> longRangeRunsOf(Cell cell, int length) {
    model(cell);
    List<LongRangeRun> found = longRangeRuns.stream()
        .filter(r -> r.cell() == cell && r.length() == length).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("No long-range runs at length " + length
          + "; the lengths of this comparison are " + lengths());
    }
    return found;
  }

  /** Test accuracy on the long-range task at one length, over seeds. */
  public Spread longRangeAccuracy(Cell cell, int length) {
    return Spread.of(longRangeRunsOf(cell, length).stream()
        .mapToDouble(LongRangeRun::testAccuracy).toArray());
  }

  /** Training milliseconds per step on the long-range task at one length, over seeds. */
  public Spread longRangeMillisPerStep(Cell cell, int length) {
    return Spread.of(longRangeRunsOf(cell, length).stream()
        .mapToDouble(LongRangeRun::millisPerStep).toArray());
  }

  /**
   * The shortest length at which the model's mean long-range accuracy is below {@link
   * #FAILURE_ACCURACY}; empty when it holds at every length (or none was tested).
   */
  public OptionalInt failureLength(Cell cell) {
    for (int length : lengths()) {
      if (longRangeAccuracy(cell, length).mean() < FAILURE_ACCURACY) {
        return OptionalInt.of(length);
      }
    }
    return OptionalInt.empty();
  }

  /** The article's claims against this run's figures. */
  public List<ClaimVerdict> verdicts() {
    return Verdicts.of(this);
  }

  /** The report's plots, by file name without {@code .png}, in report order. */
  public Map<String, BufferedImage> plots() {
    return ComparisonPlots.of(this);
  }

  /**
   * Writes {@code report.md}, {@code report.html}, the plots as PNG and {@code results.json}
   * (every figure of this result) into {@code directory}, creating it.
   */
  public void writeReport(Path directory) throws IOException {
    ComparisonReport.write(this, directory);
  }
}
