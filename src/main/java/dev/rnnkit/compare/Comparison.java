package dev.rnnkit.compare;

import dev.rnnkit.data.LongRangeTask;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.model.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * LSTM against GRU, measured: every model of the config is trained with every seed on the same
 * data with the same budget, then on the long-range task at every length. One call in a
 * notebook:
 *
 * <pre>{@code
 * ComparisonResult result = Comparison.run(ComparisonConfig.quick());
 * result.testAccuracy(Cell.GRU);      // mean, std, min, max over seeds
 * result.plots();                     // BufferedImages
 * result.writeReport(Path.of("out/compare"));
 * }</pre>
 *
 * <p>Models run one after another in one JVM. The order of the models rotates with the seed
 * (seed 1: LSTM, GRU, GRU-reset-before; seed 2: GRU, GRU-reset-before, LSTM; ...) so that no
 * model always runs first, on a cold JIT, or last, on a heap and native allocator grown by the
 * others.
 */
public final class Comparison {

  private Comparison() {}

  /** Runs the comparison silently. */
  public static ComparisonResult run(ComparisonConfig config) {
    return run(config, line -> {});
  }

  /** Runs the comparison, reporting one line per trained model to {@code progress}. */
  public static ComparisonResult run(ComparisonConfig config, Consumer<String> progress) {
    ZonedDateTime started = ZonedDateTime.now();
    long startNanos = System.nanoTime();
    TrainingData data = load(config, progress);
    List<ModelFacts> models = new ArrayList<>();
    for (Cell cell : config.cells()) {
      models.add(ModelFacts.of(cell, mainArchitecture(cell, data.train())));
    }
    Counter counter = new Counter(totalRuns(config), progress);
    List<SeedRun> runs = runMain(config, data, counter);
    List<LongRangeRun> longRange = runLongRange(config, counter);
    return new ComparisonResult(config, RunEnvironment.current(started), data.description(),
        models, runs, longRange, (System.nanoTime() - startNanos) / 1e9);
  }

  private static TrainingData load(ComparisonConfig config, Consumer<String> progress) {
    try {
      return config.data().load(config.baseSeed(), config.sampleSizes(), progress);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not load the " + config.data().name() + " data: "
          + e.getMessage(), e);
    }
  }

  /** The article's many-to-one model (one prediction per sequence) for the data's length. */
  private static Sequential mainArchitecture(Cell cell, SequenceData train) {
    return ArticleModels.build(cell, false, ArticleModels.VOCABULARY, train.timeSteps());
  }

  private static List<SeedRun> runMain(
      ComparisonConfig config, TrainingData data, Counter counter) {
    List<SeedRun> runs = new ArrayList<>();
    List<Long> seeds = config.seeds();
    for (int s = 0; s < seeds.size(); s++) {
      for (Cell cell : rotated(config.cells(), s)) {
        SeedRun run = ModelTrainer.trainOnMain(cell, mainArchitecture(cell, data.train()),
            data.train(), data.test(), seeds.get(s), config);
        runs.add(run);
        counter.done(String.format(Locale.ROOT,
            "main data, seed %d, %s: test accuracy %.4f, loss %.4f, %.2f ms/step",
            run.seed(), ModelFacts.displayName(cell), run.testAccuracy(), run.testLoss(),
            run.millisPerStep()));
      }
    }
    return runs;
  }

  private static List<LongRangeRun> runLongRange(ComparisonConfig config, Counter counter) {
    LongRangeSettings lr = config.longRange();
    List<LongRangeRun> runs = new ArrayList<>();
    List<Long> seeds = config.seeds();
    for (int length : lr.lengths()) {
      // Train and test data depend on the length and the base seed only: the same for all models.
      SequenceData train = LongRangeTask.generate(
          lr.trainSize(), length, lr.vocabulary(), lr.window(), config.baseSeed() + length);
      SequenceData test = LongRangeTask.generate(
          lr.testSize(), length, lr.vocabulary(), lr.window(), config.baseSeed() + length + 1);
      for (int s = 0; s < seeds.size(); s++) {
        for (Cell cell : rotated(config.cells(), s)) {
          Sequential architecture = ArticleModels.build(cell, false, lr.vocabulary(), length);
          LongRangeRun run = ModelTrainer.trainOnLongRange(cell, architecture, train, test,
              seeds.get(s), lr.epochs(), config.batchSize());
          runs.add(run);
          counter.done(String.format(Locale.ROOT,
              "long-range length %d, seed %d, %s: test accuracy %.4f, %.2f ms/step",
              length, run.seed(), ModelFacts.displayName(cell), run.testAccuracy(),
              run.millisPerStep()));
        }
      }
    }
    return runs;
  }

  /** {@code cells} starting at position {@code shift} (modulo its size), wrapping around. */
  static List<Cell> rotated(List<Cell> cells, int shift) {
    List<Cell> order = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      order.add(cells.get((i + shift) % cells.size()));
    }
    return order;
  }

  private static int totalRuns(ComparisonConfig config) {
    int perSeed = config.cells().size() * config.seedCount();
    return perSeed * (1 + config.longRange().lengths().size());
  }

  /** Numbers the progress lines: {@code [3/18] ...}. */
  private static final class Counter {
    private final int total;
    private final Consumer<String> progress;
    private int done;

    Counter(int total, Consumer<String> progress) {
      this.total = total;
      this.progress = progress;
    }

    void done(String what) {
      done++;
      progress.accept(String.format(Locale.ROOT, "[%d/%d] %s", done, total, what));
    }
  }
}
