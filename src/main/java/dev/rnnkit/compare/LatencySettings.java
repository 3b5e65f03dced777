package dev.rnnkit.compare;

/**
 * How inference latency is timed: {@code predict} on one sequence and on one batch, each first
 * called {@code warmup} times untimed (the first calls of a TensorFlow session optimise the
 * graph) and then timed {@code runs} times.
 */
public record LatencySettings(int singleWarmup, int singleRuns, int batchWarmup, int batchRuns) {

  public LatencySettings {
    if (singleWarmup < 0 || batchWarmup < 0) {
      throw new IllegalArgumentException("Warm-up counts must be at least 0");
    }
    if (singleRuns < 1 || batchRuns < 1) {
      throw new IllegalArgumentException("Latency needs at least one timed run of each kind");
    }
  }
}
