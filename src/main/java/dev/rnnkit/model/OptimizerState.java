package dev.rnnkit.model;

import java.util.List;

/**
 * Adam's state: the step count and the slots m and v of every weight (named
 * {@code adam/<weight>_m} and {@code _v}). With the weights it makes training resumable exactly.
 */
public record OptimizerState(long iterations, List<Weight> slots) {
  public OptimizerState {
    if (iterations < 0) {
      throw new IllegalArgumentException("Not a valid optimizer state: its step count is " + iterations);
    }
    slots = List.copyOf(slots);
  }
}
