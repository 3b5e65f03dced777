package dev.rnnkit.bench;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Training and inference throughput of a model (an article model or an imported Keras model) at
 * a batch size, after warm-up, as the median of several timed runs; compared with the machine's
 * peak MatMul rate measured in the same process and, when asked, with the time per training step
 * of another model or of the same model with an open length.
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
      ServingBenchmark.Result serving,
      StepRatio openLength,
      StepRatio comparison) {

    /** This result with the ratios measured after it. */
    Result withRatios(StepRatio openLength, StepRatio comparison) {
      return new Result(architecture, returnSequences, batchSize, timeSteps, stepsPerRun, runs,
          graphOperations, trainMillisPerStep, trainSamplesPerSecond, inferenceMillisPerBatch,
          inferenceSamplesPerSecond, trainGflopsPerStep, trainGflopsPerSecond,
          peakMatMulGflopsPerSecond, shareOfPeak, epoch, profile, serving, openLength,
          comparison);
    }
  }

  /**
   * One epoch of {@code samples} sequences of the benchmark's length, shuffled, at the
   * benchmark's batch size: IMDB's 25,000 training reviews take as long (the cost does not depend
   * on the ids). {@code evaluateSeconds} is one evaluation pass over as many sequences.
   */
  public record Epoch(int samples, double trainSeconds, double evaluateSeconds) {}

  /**
   * Settings of a benchmark run.
   *
   * @param subject the model timed and reported
   * @param servingCalls timed SavedModel calls (0: no serving figures)
   * @param epochSamples sequences of the timed epoch (0: none)
   * @param profileSteps traced training steps (0: no profile)
   * @param openLength also time {@code subject} with the other kind of length (open if its own
   *     is fixed, else fixed at the benchmark's steps) on the same batches, for {@link
   *     Result#openLength}
   * @param compareTo also time this model on batches of the same size and length, for {@link
   *     Result#comparison}; null for none
   */
  public record Settings(BenchSubject subject, StepTimes.Timing timing, int servingCalls,
      int epochSamples, int profileSteps, boolean openLength, BenchSubject compareTo) {}

  private TrainingBenchmark() {}

  public static Result run(Settings s, PrintStream log) throws java.io.IOException, InterruptedException {
    BenchSubject subject = s.subject();
    Sequential arch = subject.architecture();
    StepTimes.Timing t = s.timing();
    int steps = BenchData.timeSteps(arch);
    SequenceData data = BenchData.of(arch, t.sequences(), steps, 1);
    Result main;
    try (Model model = subject.compile()) {
      checkTrainable(model, data, subject);
      StepTimes times = StepTimes.measure(model, data, t, subject.name(), log);
      double trainStep = times.trainSecondsPerStep();
      double inferBatch = times.inferSecondsPerBatch();
      // Backward costs about twice the forward pass: a training step is ~3 forward passes.
      double stepGflop = 3.0 * arch.withTimeSteps(steps).forwardFlopsPerSample() * t.batchSize() / 1e9;
      log.println("Measuring peak MatMul rate (2048 x 2048)...");
      double peak = MatMulPeak.gflops(2048, 7);
      double achieved = stepGflop / trainStep;
      StepProfile profile = s.profileSteps() > 0 ? profile(model, data, s, log) : null;
      Epoch epoch = s.epochSamples() > 0 ? epoch(model, s, steps, log) : null;
      // Models the serving figures do not fit get none; ServingBenchmark.whyNotServed says why.
      ServingBenchmark.Result serving = s.servingCalls() > 0
          && ServingBenchmark.whyNotServed(arch) == null
          ? ServingBenchmark.run(model, s.servingCalls(), log) : null;
      main = new Result(subject.name(), subject.outputsSequences(), t.batchSize(),
          steps, t.stepsPerRun(), t.runs(), model.graphOperationCount(),
          trainStep * 1e3, t.batchSize() / trainStep, inferBatch * 1e3, t.batchSize() / inferBatch,
          stepGflop, achieved, peak, achieved / peak, epoch, profile, serving, null, null);
    }
    // The other models run after this one is closed, on batches of the same size and length.
    StepRatio openLength = s.openLength() ? openLength(subject, main, t, log) : null;
    StepRatio comparison = s.compareTo() == null ? null : StepRatio.of(subject.name(),
        main.trainMillisPerStep(), s.compareTo().name(),
        trainMillisPerStep(s.compareTo(), t, steps, log), steps);
    return main.withRatios(openLength, comparison);
  }

  /**
   * The subject with an open length against the same with a fixed one, both on batches of
   * exactly the benchmark's length: what an open length costs by itself.
   */
  private static StepRatio openLength(BenchSubject subject, Result main, StepTimes.Timing t,
      PrintStream log) {
    int steps = main.timeSteps();
    if (subject.architecture().input().isOpenLength()) {
      BenchSubject fixed = subject.withTimeSteps(steps);
      return StepRatio.of(subject.name(), main.trainMillisPerStep(), fixed.name(),
          trainMillisPerStep(fixed, t, steps, log), steps);
    }
    BenchSubject open = subject.withTimeSteps(InputSpec.OPEN_LENGTH);
    return StepRatio.of(open.name(), trainMillisPerStep(open, t, steps, log), subject.name(),
        main.trainMillisPerStep(), steps);
  }

  private static double trainMillisPerStep(BenchSubject subject, StepTimes.Timing t, int steps,
      PrintStream log) {
    SequenceData data = BenchData.of(subject.architecture(), t.sequences(), steps, 1);
    try (Model model = subject.compile()) {
      checkTrainable(model, data, subject);
      return StepTimes.measure(model, data, t, subject.name(), log).trainSecondsPerStep() * 1e3;
    }
  }

  /** Refuses, naming the model, what the library would not train (e.g. several output units). */
  private static void checkTrainable(Model model, SequenceData data, BenchSubject subject) {
    try {
      model.checkTrainingData(data, "benchmark");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot time training of " + subject.name() + ": "
          + e.getMessage(), e);
    }
  }

  private static StepProfile profile(Model model, SequenceData data, Settings s, PrintStream log) {
    log.printf("Tracing %d training steps...%n", s.profileSteps());
    StepTimes.Timing t = s.timing();
    int[] order = data.naturalOrder();
    List<org.tensorflow.proto.RunMetadata> traces = new ArrayList<>();
    for (int i = 0; i < s.profileSteps(); i++) {
      int from = (i % t.stepsPerRun()) * t.batchSize();
      traces.add(model.traceTrainStep(data, order, from, from + t.batchSize()));
    }
    return StepProfile.of(traces);
  }

  private static Epoch epoch(Model model, Settings s, int steps, PrintStream log) {
    log.printf("Timing one epoch of %,d sequences...%n", s.epochSamples());
    SequenceData data = BenchData.of(model.architecture(), s.epochSamples(), steps, 2);
    int batchSize = s.timing().batchSize();
    long start = System.nanoTime();
    Trainer.fit(model, data, FitOptions.builder().epochs(1).batchSize(batchSize).shuffle(true)
        .progressOut(null).build());
    double train = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    model.evaluate(data, batchSize);
    double evaluate = (System.nanoTime() - start) / 1e9;
    return new Epoch(s.epochSamples(), train, evaluate);
  }
}
