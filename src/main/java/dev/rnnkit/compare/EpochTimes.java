package dev.rnnkit.compare;

import dev.rnnkit.bench.Stats;
import java.util.List;

/**
 * Training time of a run's epochs. The first epoch of a TensorFlow session also pays for the
 * one-off graph optimisation of its first steps, so the per-epoch figure is the median of the
 * later epochs (the first only when it is the only one).
 */
record EpochTimes(List<Double> seconds, int stepsPerEpoch) {

  EpochTimes {
    seconds = List.copyOf(seconds);
    if (seconds.isEmpty()) {
      throw new IllegalArgumentException("A run without epochs has no epoch times");
    }
  }

  double firstEpochSeconds() {
    return seconds.get(0);
  }

  double secondsPerEpoch() {
    List<Double> steady = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
    return Stats.median(steady.stream().mapToDouble(Double::doubleValue).toArray());
  }

  double millisPerStep() {
    return secondsPerEpoch() * 1000 / stepsPerEpoch;
  }
}
