package dev.rnnkit.examples;

import java.util.List;
import java.util.Map;

/**
 * What a training run measured, as written to {@code metrics.json}: the model, the settings,
 * the per-epoch history and the test figures. Accuracy "all steps" counts every time step's
 * prediction against the sequence's label; "last step" counts the sequence's prediction.
 */
public record RunMetrics(
    String architecture,
    boolean returnSequences,
    long params,
    String data,
    int trainSamples,
    int testSamples,
    int epochs,
    int batchSize,
    long seed,
    Map<String, List<Double>> history,
    List<Double> secondsPerEpoch,
    double testLoss,
    double testAccuracyAllSteps,
    double testAccuracyLastStep,
    int bestEpoch,
    double bestValLastStepAccuracy) {

  /** Mean seconds per epoch. */
  public double meanSecondsPerEpoch() {
    return secondsPerEpoch.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
