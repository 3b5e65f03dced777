package dev.rnnkit.bench;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.Model;
import java.io.PrintStream;

/**
 * Median seconds per training step and per inference batch of one model, over timed runs after
 * warm-up steps. Every model a benchmark compares is timed by this one loop, so their ratios
 * compare like with like.
 */
public record StepTimes(double trainSecondsPerStep, double inferSecondsPerBatch) {

  /** How to time: batch size, training steps per timed run, timed runs, warm-up steps. */
  public record Timing(int batchSize, int stepsPerRun, int runs, int warmupSteps) {

    /** Sequences the timed runs go through: a batch per step of a run. */
    public int sequences() {
      return batchSize * stepsPerRun;
    }
  }

  /**
   * Times {@code model} on {@code data} ({@link Timing#sequences} of them). Inference runs up to
   * 20 batches per run through {@link Model#predict}.
   */
  public static StepTimes measure(Model model, SequenceData data, Timing t, String name,
      PrintStream log) {
    int[] order = data.naturalOrder();
    int steps = model.batchSteps(data.timeSteps());
    if (steps != data.timeSteps()) {
      // A masked open-length model rounds lengths up to a few buckets: part of what it costs.
      log.printf("%s runs batches of %d steps padded to %d (its length bucket)%n", name,
          data.timeSteps(), steps);
    }
    log.printf("Warming up %s (%d graph ops)...%n", name, model.graphOperationCount());
    for (int i = 0; i < t.warmupSteps(); i++) {
      int from = (i % t.stepsPerRun()) * t.batchSize();
      model.trainStep(data, order, from, from + t.batchSize());
    }
    SequenceData inferBatches = data.slice(0, t.batchSize() * Math.min(t.stepsPerRun(), 20));
    if (t.warmupSteps() > 0) {
      // Inference may run graphs training did not build (a masked model's, an open length's):
      // build them here, not in the first timed run.
      model.predict(inferBatches, t.batchSize());
    }
    double[] trainSeconds = new double[t.runs()];
    double[] inferSeconds = new double[t.runs()];
    for (int r = 0; r < t.runs(); r++) {
      long start = System.nanoTime();
      for (int step = 0; step < t.stepsPerRun(); step++) {
        model.trainStep(data, order, step * t.batchSize(), (step + 1) * t.batchSize());
      }
      trainSeconds[r] = (System.nanoTime() - start) / 1e9 / t.stepsPerRun();
      start = System.nanoTime();
      model.predict(inferBatches, t.batchSize());
      inferSeconds[r] = (System.nanoTime() - start) / 1e9 / (inferBatches.size() / t.batchSize());
      log.printf("  run %d/%d: %.2f ms/train step, %.2f ms/inference batch%n",
          r + 1, t.runs(), trainSeconds[r] * 1e3, inferSeconds[r] * 1e3);
    }
    return new StepTimes(Stats.median(trainSeconds), Stats.median(inferSeconds));
  }
}
