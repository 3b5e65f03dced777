package dev.rnnkit.train;

import dev.rnnkit.metrics.BinaryAccuracy;
import dev.rnnkit.metrics.LastStepBinaryAccuracy;
import dev.rnnkit.metrics.Mean;
import dev.rnnkit.metrics.RunningMeans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a fit is: the epoch under way (1-based), how many of its steps are done, the running sums
 * of its metrics, and the history of the finished epochs. With the weights and the optimizer state
 * it is everything needed to continue a fit exactly where it stopped (the epoch's shuffle order is
 * derived from the seed and the epoch number, so it needs no saved state).
 *
 * <p>The running sums are those of the three means RNNKit's models compute (the loss and the two
 * binary accuracies), under the names checkpoints have stored them by since their first version.
 *
 * <p>A state is checked when it is made, so that one read from a damaged or crafted checkpoint is
 * refused with a message instead of failing somewhere in the fit.
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

  public FitState {
    require(history != null && epochSeconds != null, "it has no history");
    require(epoch == epochSeconds.size() + 1, "it is at epoch " + epoch + " after "
        + epochSeconds.size() + " finished epochs (expected epoch " + (epochSeconds.size() + 1) + ")");
    require(step >= 0, "its step is " + step);
    require(samples >= 0 && countAll >= 0 && countLast >= 0, "a count is negative");
    require(finiteAndNotNegative(correctAll, correctLast, epochSecondsSoFar),
        "a running sum is negative or not finite");
    require(Double.isFinite(lossSum), "its running loss is " + lossSum);
    // Not contains(null): immutable lists throw on it.
    require(noNulls(epochSeconds) && history.entrySet().stream().allMatch(
        e -> e.getKey() != null && e.getValue() != null && noNulls(e.getValue())),
        "its history has empty entries");
    require(history.values().stream().allMatch(v -> v.size() == epochSeconds.size()),
        "its history does not have one value per finished epoch");
  }

  /** The state before the first step. */
  public static FitState start() {
    return new FitState(1, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());
  }

  /** A fit at step {@code step} of epoch {@code epoch} with these running means and history. */
  static FitState of(int epoch, int step, RunningMeans running, double epochSecondsSoFar,
      History history) {
    Mean loss = running.get("loss");
    Mean all = running.get(BinaryAccuracy.NAME);
    Mean last = running.get(LastStepBinaryAccuracy.NAME);
    return new FitState(epoch, step, loss.total(), loss.count(), all.total(), all.count(),
        last.total(), last.count(), epochSecondsSoFar, history.metrics(), history.epochSeconds());
  }

  /** The running means of the epoch under way, as {@link #of} took them. */
  public RunningMeans runningMeans() {
    Map<String, Mean> means = new LinkedHashMap<>();
    means.put("loss", new Mean(lossSum, samples));
    means.put(BinaryAccuracy.NAME, new Mean(correctAll, countAll));
    means.put(LastStepBinaryAccuracy.NAME, new Mean(correctLast, countLast));
    return new RunningMeans(means);
  }

  /** Number of finished epochs. */
  public int completedEpochs() {
    return epochSeconds.size();
  }

  private static boolean noNulls(List<Double> values) {
    return values.stream().noneMatch(Objects::isNull);
  }

  private static boolean finiteAndNotNegative(double... values) {
    for (double v : values) {
      if (!(Double.isFinite(v) && v >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("Not a valid fit state: " + problem);
    }
  }
}
