package dev.rnnkit.cli;

import dev.rnnkit.bench.BenchData;
import dev.rnnkit.bench.BenchSubject;
import dev.rnnkit.bench.ServingBenchmark;
import dev.rnnkit.bench.StepRatio;
import dev.rnnkit.bench.StepTimes;
import dev.rnnkit.bench.TrainingBenchmark;
import dev.rnnkit.model.ArticleModels;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure training and inference samples/second of an article model (50 time"
        + " steps) or of a Keras model file, and the share of the machine's peak MatMul rate that"
        + " training reaches.",
        "Medians of several timed runs after warm-up; figures, not pass/fail."})
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ArchitectureOption architecture;

  @Mixin ReturnSequencesOption output;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Time this model instead of an article model: a Keras .keras or .h5 file, a"
          + " tf.keras SavedModel folder or a model folder of train. It trains with Keras's Adam and binary cross-entropy"
          + " (one sigmoid unit) or mean squared error, on synthetic inputs of its own length (50"
          + " steps when open).")
  Path model;

  @Option(names = "--compare-to", paramLabel = "ARCH", converter = CellConverter.class,
      description = "Then time this article model (lstm, gru, gru-reset-before or bilstm) on"
          + " batches of the same size and length, with the same kind of output (per sequence"
          + " or per step), and print the ratio of time per training step.")
  ArticleModels.Cell compareTo;

  @Option(names = "--open-length",
      description = "Then time the model with an open length (Keras's shape=(None,)) on batches of"
          + " exactly its length (against a fixed length when the model's own is open), and"
          + " print the ratio open/fixed of time per training step.")
  boolean openLength;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--steps", defaultValue = "50",
      description = "Training steps per timed run. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--warmup", defaultValue = "20", description = "Warm-up steps. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--serving-calls", defaultValue = "1000",
      description = "Timed single-review calls through the exported SavedModel (0 skips serving"
          + " and start-up figures). Default: ${DEFAULT-VALUE}.")
  int servingCalls;

  @Option(names = "--epoch-samples", defaultValue = "25000",
      description = "Time one training epoch (and one evaluation pass) over this many sequences"
          + " of the model's length (50 ids for the article's), IMDB's training-set size by default"
          + " (0 skips). Default: ${DEFAULT-VALUE}.")
  int epochSamples;

  @Option(names = "--profile", defaultValue = "0",
      description = "Also trace this many training steps and print the op types they spend their time"
          + " in (traced ops run slower; the ranking is what counts). Default: ${DEFAULT-VALUE}.")
  int profileSteps;

  @Option(names = "--json", description = "Where to write the figures as JSON. Default:"
      + " out/bench-ARCH.json (out/bench-FILENAME.json with --model).")
  Path json;

  @Option(names = "--spark", paramLabel = "CSV", description = "Instead: time scoring the"
      + " text column of CSV with --model (a SavedModel folder) in one JVM and on Spark's"
      + " local[1] and local[2], in rows/second (batches of 256 unless --batch-size; --runs 3"
      + " unless given; --spark-rows rows).")
  Path sparkInput;

  @Option(names = "--spark-rows", defaultValue = "10000", paramLabel = "N",
      description = "Rows of --spark's CSV to score. Default: ${DEFAULT-VALUE}.")
  int sparkRows;

  @Override
  public Integer call() throws Exception {
    if (sparkInput != null) {
      return benchSpark();
    }
    if (batchSize < 1 || steps < 1 || runs < 1 || warmup < 0 || epochSamples < 0 || profileSteps < 0) {
      throw new IllegalArgumentException("--batch-size, --steps and --runs must be at least 1,"
          + " --warmup, --epoch-samples and --profile at least 0");
    }
    BenchSubject subject = subject();
    // The comparison model gives what the subject gives (one output per sequence or per step),
    // so that a ratio compares the recurrent layers, not the heads.
    BenchSubject comparison = compareTo == null ? null : BenchSubject.article(compareTo,
        subject.outputsSequences(), BenchData.timeSteps(subject.architecture()));
    TrainingBenchmark.Result r = TrainingBenchmark.run(new TrainingBenchmark.Settings(subject,
        new StepTimes.Timing(batchSize, steps, runs, warmup), servingCalls, epochSamples,
        profileSteps, openLength, comparison), System.err);
    System.out.printf(Locale.ROOT, "%s (return_sequences=%s), batch %d, %d time steps%s, %d graph ops%n",
        r.architecture(), r.returnSequences(), r.batchSize(), r.timeSteps(),
        subject.architecture().input().isOpenLength() ? " (open length)" : "", r.graphOperations());
    System.out.printf(Locale.ROOT, "  training:   %8.2f ms/step  %9.0f samples/s  %6.1f GFLOP/s%n",
        r.trainMillisPerStep(), r.trainSamplesPerSecond(), r.trainGflopsPerSecond());
    System.out.printf(Locale.ROOT, "  predict:    %8.2f ms/batch %9.0f samples/s (batches run one per core)%n",
        r.inferenceMillisPerBatch(), r.inferenceSamplesPerSecond());
    System.out.printf(Locale.ROOT, "  peak MatMul %6.1f GFLOP/s; training reaches %.1f%% of it%n",
        r.peakMatMulGflopsPerSecond(), 100 * r.shareOfPeak());
    if (r.profile() != null) {
      var p = r.profile();
      System.out.printf(Locale.ROOT, "  traced step (%d steps): %.2f ms; op types by time per step:%n",
          p.steps(), p.tracedMillisPerStep());
      p.opTypes().stream().limit(12).forEach(t -> System.out.printf(Locale.ROOT,
          "    %-24s %8.3f ms %7.1f ops%n", t.type(), t.millisPerStep(), t.opsPerStep()));
    }
    if (r.epoch() != null) {
      System.out.printf(Locale.ROOT, "  one epoch of %,d sequences: training %.2f s, evaluation %.2f s%n",
          r.epoch().samples(), r.epoch().trainSeconds(), r.epoch().evaluateSeconds());
    }
    if (r.serving() != null) {
      var sv = r.serving();
      System.out.printf(Locale.ROOT, "  SavedModel, one review: ids p50 %.2f ms, p99 %.2f ms; text p50 %.2f ms,"
          + " p99 %.2f ms%n", sv.idsP50Millis(), sv.idsP99Millis(), sv.textP50Millis(), sv.textP99Millis());
      System.out.printf(Locale.ROOT, "  SavedModel, batches of %d: %.0f reviews/s; predict process start"
          + " to result: %.2f s%n", sv.throughputBatch(), sv.reviewsPerSecond(), sv.predictProcessMedianSeconds());
    }
    String noServing = ServingBenchmark.whyNotServed(subject.architecture());
    if (servingCalls > 0 && noServing != null) {
      System.out.println("  no serving figures: " + noServing);
    }
    for (StepRatio ratio : new StepRatio[] {r.openLength(), r.comparison()}) {
      if (ratio != null) {
        System.out.println("  " + ratio.line());
      }
    }
    Path file = json != null ? json : Path.of("out", "bench-" + r.architecture() + ".json");
    dev.rnnkit.examples.RunOutput.writeJson(file, r);
    System.out.println("Figures written to " + file);
    return 0;
  }

  /** The Spark scoring benchmark, in a JVM with Spark's jars (Spark is a provided dependency). */
  private int benchSpark() throws java.io.IOException, InterruptedException {
    if (model == null || sparkRows < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--spark needs --model (a"
          + " SavedModel folder with a serving_text signature) and --spark-rows of at least 1");
    }
    var parsed = spec.commandLine().getParseResult();
    int batch = parsed.hasMatchedOption("--batch-size") ? batchSize : 256;
    int timedRuns = parsed.hasMatchedOption("--runs") ? runs : 3;
    Path folder = dev.rnnkit.savedmodel.export.ModelFolder.resolve(model, System.err::println);
    return ScoreCommand.runInSparkJvm("dev.rnnkit.bench.SparkScoringBench",
        java.util.List.of(folder.toString(), sparkInput.toString(), "text",
            String.valueOf(sparkRows), String.valueOf(batch), String.valueOf(timedRuns)));
  }

  /** The model of --model, or the article model of --arch (which --model excludes). */
  private BenchSubject subject() throws java.io.IOException {
    if (model == null) {
      return BenchSubject.article(architecture.cell, output.returnSequences(architecture.cell),
          ArticleModels.SEQUENCE_LENGTH);
    }
    for (String articleOnly : new String[] {"--arch", "--return-sequences"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(articleOnly)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--model and "
            + articleOnly + " exclude each other: --model times the file's own architecture;"
            + " drop " + articleOnly + ", or drop --model to time an article model");
      }
    }
    return BenchSubject.read(model);
  }
}
