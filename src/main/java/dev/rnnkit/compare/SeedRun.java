package dev.rnnkit.compare;

import dev.rnnkit.model.ArticleModels.Cell;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one model trained with one seed measured on the main data.
 *
 * @param history per-epoch {@code loss} and {@code accuracy} (training, running averages as
 *     Keras prints them) and {@code val_loss}, {@code val_accuracy} (the test data after each
 *     epoch)
 * @param epochSeconds training time of each epoch, test evaluation excluded
 * @param testLoss loss on the test data after the last epoch
 * @param testAccuracy accuracy on the test data after the last epoch
 * @param graphOperations operations in the model's TensorFlow graph (forward, gradients, Adam)
 */
public record SeedRun(
    Cell cell,
    long seed,
    Map<String, List<Double>> history,
    List<Double> epochSeconds,
    int stepsPerEpoch,
    double testLoss,
    double testAccuracy,
    Latency latency,
    MemoryPeak memory,
    int graphOperations) {

  public SeedRun {
    Map<String, List<Double>> ordered = new LinkedHashMap<>(); // keeps Keras's metric order
    history.forEach((metric, values) -> ordered.put(metric, List.copyOf(values)));
    history = Collections.unmodifiableMap(ordered);
    epochSeconds = List.copyOf(epochSeconds);
  }

  /** Median seconds of the epochs after the first (see {@link EpochTimes}). */
  public double secondsPerEpoch() {
    return new EpochTimes(epochSeconds, stepsPerEpoch).secondsPerEpoch();
  }

  /** The first epoch's seconds, which include TensorFlow's one-off graph optimisation. */
  public double firstEpochSeconds() {
    return epochSeconds.get(0);
  }

  public double millisPerStep() {
    return new EpochTimes(epochSeconds, stepsPerEpoch).millisPerStep();
  }
}
