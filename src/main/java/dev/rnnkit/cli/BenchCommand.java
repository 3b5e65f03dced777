package dev.rnnkit.cli;

import dev.rnnkit.bench.TrainingBenchmark;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure training and inference samples/second of an article model (50 time"
        + " steps) and the share of the machine's peak MatMul rate that training reaches.",
        "Medians of several timed runs after warm-up; figures, not pass/fail."})
final class BenchCommand implements Callable<Integer> {

  @Mixin ArchitectureOption architecture;

  @Mixin ReturnSequencesOption output;

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
          + " of 50 ids, IMDB's training-set size by default (0 skips). Default: ${DEFAULT-VALUE}.")
  int epochSamples;

  @Option(names = "--profile", defaultValue = "0",
      description = "Also trace this many training steps and print the op types they spend their time"
          + " in (traced ops run slower; the ranking is what counts). Default: ${DEFAULT-VALUE}.")
  int profileSteps;

  @Option(names = "--json", description = "Where to write the figures as JSON. Default: out/bench-ARCH.json.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || steps < 1 || runs < 1 || warmup < 0 || epochSamples < 0 || profileSteps < 0) {
      throw new IllegalArgumentException("--batch-size, --steps and --runs must be at least 1,"
          + " --warmup, --epoch-samples and --profile at least 0");
    }
    TrainingBenchmark.Result r = TrainingBenchmark.run(new TrainingBenchmark.Settings(
        architecture.cell, output.returnSequences(architecture.cell), batchSize, steps, runs, warmup, servingCalls, epochSamples, profileSteps), System.err);
    System.out.printf(Locale.ROOT, "%s (return_sequences=%s), batch %d, %d time steps, %d graph ops%n",
        r.architecture(), r.returnSequences(), r.batchSize(), r.timeSteps(), r.graphOperations());
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
    Path file = json != null ? json : Path.of("out", "bench-" + r.architecture() + ".json");
    dev.rnnkit.examples.RunOutput.writeJson(file, r);
    System.out.println("Figures written to " + file);
    return 0;
  }
}
