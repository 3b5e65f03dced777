package dev.rnnkit.bench;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Training and inference throughput of an article model at a batch size, after warm-up, as the
 * median of several timed runs; compared with the machine's peak MatMul rate measured in the
 * same process.
 */
public final class TrainingBenchmark {

  /** What one benchmark measured. */
  public record Result(
      String architecture,
      boolean returnSequences,
      int batchSize,
      int timeSteps,
      int stepsPerRun,
      int runs,
      int graphOperations,
      double trainMillisPerStep,
      double trainSamplesPerSecond,
      double inferenceMillisPerBatch,
      double inferenceSamplesPerSecond,
      double trainGflopsPerStep,
      double trainGflopsPerSecond,
      double peakMatMulGflopsPerSecond,
      double shareOfPeak,
      Epoch epoch,
      StepProfile profile,
      ServingBenchmark.Result serving) {}

  /**
   * One epoch of {@code samples} sequences of the article's length, shuffled, at the benchmark's
   * batch size: IMDB's 25,000 training reviews take as long (the cost does not depend on the
   * ids). {@code evaluateSeconds} is one evaluation pass over as many sequences.
   */
  public record Epoch(int samples, double trainSeconds, double evaluateSeconds) {}

  /** Settings of a benchmark run. */
  public record Settings(ArticleModels.Cell cell, boolean returnSequences, int batchSize,
      int stepsPerRun, int runs, int warmupSteps, int servingCalls, int epochSamples,
      int profileSteps) {}

  private TrainingBenchmark() {}

  public static Result run(Settings s, PrintStream log) throws java.io.IOException, InterruptedException {
    Sequential arch = ArticleModels.build(s.cell(), s.returnSequences());
    SequenceData data = SyntheticTask.tokens(s.batchSize() * s.stepsPerRun(),
        ArticleModels.SEQUENCE_LENGTH, ArticleModels.VOCABULARY, 1);
    int[] order = data.naturalOrder();
    try (Model model = Model.compile(arch, 1)) {
      log.printf("Warming up %s (%d graph ops)...%n", s.cell().cliName(), model.graphOperationCount());
      for (int i = 0; i < s.warmupSteps(); i++) {
        int from = (i % s.stepsPerRun()) * s.batchSize();
        model.trainStep(data, order, from, from + s.batchSize());
      }
      double[] trainSeconds = new double[s.runs()];
      double[] inferSeconds = new double[s.runs()];
      SequenceData inferBatches = data.slice(0, s.batchSize() * Math.min(s.stepsPerRun(), 20));
      for (int r = 0; r < s.runs(); r++) {
        long start = System.nanoTime();
        for (int step = 0; step < s.stepsPerRun(); step++) {
          model.trainStep(data, order, step * s.batchSize(), (step + 1) * s.batchSize());
        }
        trainSeconds[r] = (System.nanoTime() - start) / 1e9 / s.stepsPerRun();
        start = System.nanoTime();
        model.predict(inferBatches, s.batchSize());
        inferSeconds[r] = (System.nanoTime() - start) / 1e9 / (inferBatches.size() / s.batchSize());
        log.printf("  run %d/%d: %.2f ms/train step, %.2f ms/inference batch%n",
            r + 1, s.runs(), trainSeconds[r] * 1e3, inferSeconds[r] * 1e3);
      }
      double trainStep = Stats.median(trainSeconds);
      double inferBatch = Stats.median(inferSeconds);
      // Backward costs about twice the forward pass: a training step is ~3 forward passes.
      double stepGflop = 3.0 * arch.forwardFlopsPerSample() * s.batchSize() / 1e9;
      log.println("Measuring peak MatMul rate (2048 x 2048)...");
      double peak = MatMulPeak.gflops(2048, 7);
      double achieved = stepGflop / trainStep;
      StepProfile profile = s.profileSteps() > 0 ? profile(model, data, order, s, log) : null;
      Epoch epoch = s.epochSamples() > 0 ? epoch(model, s, log) : null;
      ServingBenchmark.Result serving = s.servingCalls() > 0
          ? ServingBenchmark.run(model, s.servingCalls(), log) : null;
      return new Result(s.cell().cliName(), s.returnSequences(), s.batchSize(),
          ArticleModels.SEQUENCE_LENGTH, s.stepsPerRun(), s.runs(), model.graphOperationCount(),
          trainStep * 1e3, s.batchSize() / trainStep, inferBatch * 1e3, s.batchSize() / inferBatch,
          stepGflop, achieved, peak, achieved / peak, epoch, profile, serving);
    }
  }

  private static StepProfile profile(Model model, SequenceData data, int[] order, Settings s, PrintStream log) {
    log.printf("Tracing %d training steps...%n", s.profileSteps());
    List<org.tensorflow.proto.RunMetadata> traces = new ArrayList<>();
    for (int i = 0; i < s.profileSteps(); i++) {
      int from = (i % s.stepsPerRun()) * s.batchSize();
      traces.add(model.traceTrainStep(data, order, from, from + s.batchSize()));
    }
    return StepProfile.of(traces);
  }

  private static Epoch epoch(Model model, Settings s, PrintStream log) {
    log.printf("Timing one epoch of %,d sequences...%n", s.epochSamples());
    SequenceData data = SyntheticTask.tokens(s.epochSamples(), ArticleModels.SEQUENCE_LENGTH,
        ArticleModels.VOCABULARY, 2);
    long start = System.nanoTime();
    Trainer.fit(model, data, FitOptions.builder().epochs(1).batchSize(s.batchSize()).shuffle(true)
        .progressOut(null).build());
    double train = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    model.evaluate(data, s.batchSize());
    double evaluate = (System.nanoTime() - start) / 1e9;
    return new Epoch(s.epochSamples(), train, evaluate);
  }
}
