package dev.rnnkit.cli;

import dev.rnnkit.compare.ClaimVerdict;
import dev.rnnkit.compare.Comparison;
import dev.rnnkit.compare.ComparisonConfig;
import dev.rnnkit.compare.ComparisonResult;
import dev.rnnkit.compare.LongRangeSettings;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SplitPolicy;
import dev.rnnkit.model.ArticleModels.Cell;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
    defaultValueProvider = CompareCommand.Defaults.class,
    description = {"Answer the article's question with measurements: train LSTM, GRU"
        + " (reset_after=True, Keras's default) and GRU (reset_after=False, the article's formula)"
        + " on the same data, seeds and budget, then test each on a long-range task whose label"
        + " depends only on the first tokens of ever longer sequences.",
        "Writes DIR/report.md, DIR/report.html, PNG plots and DIR/results.json: parameters,"
        + " training time, inference latency, peak memory, test accuracy over seeds, learning"
        + " curves, long-range accuracy per length, and a verdict per claim of the article.",
        "The default run takes about 4 minutes on 2 cores, --quick under half a minute."})
final class CompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataOptions dataOptions;

  @Mixin TrainingOptions training;

  @Option(names = "--models", split = ",", converter = CellConverter.class, paramLabel = "CELL",
      description = "Models to compare. Default: ${DEFAULT-VALUE}.")
  List<Cell> cells;

  @Option(names = "--seeds", paramLabel = "N",
      description = "Seeds per model, --seed upwards (a spread over seeds needs 2 or more); the"
          + " data always takes --seed. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--lengths", split = ",", paramLabel = "LENGTH",
      description = "Sequence lengths of the long-range test. Default: ${DEFAULT-VALUE}.")
  List<Integer> lengths;

  @Option(names = "--no-long-range", description = "Skip the long-range test.")
  boolean noLongRange;

  @Option(names = "--long-range-epochs", paramLabel = "N",
      description = "Epochs per length. Default: ${DEFAULT-VALUE}.")
  int longRangeEpochs;

  @Option(names = "--long-range-train-size", paramLabel = "N",
      description = "Training sequences per length. Default: ${DEFAULT-VALUE}.")
  int longRangeTrainSize;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--quick", description = "A run of about a minute: fewer seeds, epochs,"
      + " samples and lengths. Options given explicitly still apply.")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    ComparisonConfig config = config();
    ComparisonResult result = Comparison.run(config, System.out::println);
    result.writeReport(out);
    System.out.println();
    for (ClaimVerdict v : result.verdicts()) {
      System.out.println(v.claim() + ": " + v.outcome().text());
    }
    System.out.printf(Locale.ROOT, "Took %.1f minutes. Report: %s (and report.html, PNG plots,"
        + " results.json)%n", result.wallSeconds() / 60, out.resolve("report.md"));
    return 0;
  }

  /** The preset, with every option the user gave on top. */
  ComparisonConfig config() {
    ComparisonConfig preset = quick ? ComparisonConfig.quick() : ComparisonConfig.defaults();
    SampleSizes sizes = dataOptions.sizesOver(preset.sampleSizes());
    ComparisonConfig.Builder b = preset.toBuilder().data(dataOptions.source())
        .trainSize(sizes.train()).testSize(sizes.test());
    if (given("--models")) b.cells(cells);
    if (given("--seeds")) b.seedCount(seeds);
    if (given("--seed")) b.baseSeed(training.seed);
    if (given("--epochs")) b.epochs(training.epochs);
    if (given("--batch-size")) b.batchSize(training.batchSize);
    LongRangeSettings longRange = preset.longRange();
    if (given("--lengths")) longRange = longRange.withLengths(lengths);
    if (noLongRange) longRange = longRange.withLengths(List.of());
    if (given("--long-range-epochs")) longRange = longRange.withEpochs(longRangeEpochs);
    if (given("--long-range-train-size")) {
      longRange = longRange.withSizes(longRangeTrainSize, longRange.testSize());
    }
    return b.longRange(longRange).build();
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /**
   * Help and defaults both come from {@link ComparisonConfig#defaults()}, so the help text
   * cannot drift from what a run does.
   */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    private static final Map<String, Function<ComparisonConfig, String>> FROM_CONFIG = Map.ofEntries(
        Map.entry("--data", c -> c.data().name()),
        Map.entry("--models", c -> c.cells().stream().map(Cell::cliName)
            .collect(Collectors.joining(","))),
        Map.entry("--seeds", c -> String.valueOf(c.seedCount())),
        Map.entry("--seed", c -> String.valueOf(c.baseSeed())),
        Map.entry("--epochs", c -> String.valueOf(c.epochs())),
        Map.entry("--batch-size", c -> String.valueOf(c.batchSize())),
        Map.entry("--train-size", c -> String.valueOf(c.trainSize())),
        Map.entry("--test-size", c -> String.valueOf(c.testSize())),
        Map.entry("--lengths", c -> c.longRange().lengths().stream().map(String::valueOf)
            .collect(Collectors.joining(","))),
        Map.entry("--long-range-epochs", c -> String.valueOf(c.longRange().epochs())),
        Map.entry("--long-range-train-size", c -> String.valueOf(c.longRange().trainSize())));
    /**
     * A CSV file is split in balanced halves, as IMDB is; options named neither here nor above
     * keep their mixin's default.
     */
    private static final Map<String, String> FIXED = Map.of(
        "--split", SplitPolicy.BALANCED_HALVES.name(), "--out", "out/compare");

    @Override
    public String defaultValue(ArgSpec argSpec) {
      if (!(argSpec instanceof OptionSpec option)) {
        return null;
      }
      String name = option.longestName();
      if (FIXED.containsKey(name)) {
        return FIXED.get(name);
      }
      Function<ComparisonConfig, String> read = FROM_CONFIG.get(name);
      return read == null ? null : read.apply(ComparisonConfig.defaults());
    }
  }
}
