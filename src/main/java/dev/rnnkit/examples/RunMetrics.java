package dev.rnnkit.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a training run measured, as written to {@code metrics.json}: the model, the settings,
 * the per-epoch history and the test figures. Accuracy "all steps" counts every time step's
 * prediction against the sequence's label; "last step" counts the sequence's prediction.
 *
 * <p>{@code savedEpoch} (from 1) is the epoch whose weights the model holds when {@code
 * --save-best} chose it (the lowest val_loss), and the test figures are that model's; without
 * {@code --save-best} it is null and left out of the JSON: the model is the last epoch's.
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
    double bestValLastStepAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer savedEpoch) {

  /** Mean seconds per epoch. */
  public double meanSecondsPerEpoch() {
    return secondsPerEpoch.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
