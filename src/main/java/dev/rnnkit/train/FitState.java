package dev.rnnkit.train;

import java.util.List;
import java.util.Map;

/**
 * Where a fit is: the epoch under way (1-based), how many of its steps are done, the running sums
 * of its metrics, and the history of the finished epochs. With the weights and the optimizer state
 * it is everything needed to continue a fit exactly where it stopped (the epoch's shuffle order is
 * derived from the seed and the epoch number, so it needs no saved state).
 */
public record FitState(
    int epoch,
    int step,
    double lossSum,
    long samples,
    double correctAll,
    long countAll,
    double correctLast,
    long countLast,
    double epochSecondsSoFar,
    Map<String, List<Double>> history,
    List<Double> epochSeconds) {

  /** The state before the first step. */
  public static FitState start() {
    return new FitState(1, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());
  }

  /** Number of finished epochs. */
  public int completedEpochs() {
    return epochSeconds.size();
  }
}
