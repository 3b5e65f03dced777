package dev.rnnkit.model;

import java.util.List;

/**
 * An optimizer's state: the step count (Keras's {@code iterations}) and its slots in Keras's
 * order (see {@link dev.rnnkit.optimizers.Optimizer#slotGroups()}), named {@code
 * <scope>/<weight>_<slot>}: Adam's {@code adam/<weight>_m} and {@code _v}, RMSprop's {@code
 * rmsprop/<weight>_velocity}, SGD's {@code sgd/<weight>_momentum}. With the weights it makes
 * training resumable exactly.
 */
public record OptimizerState(long iterations, List<Weight> slots) {
  public OptimizerState {
    if (iterations < 0) {
      throw new IllegalArgumentException("Not a valid optimizer state: its step count is " + iterations);
    }
    slots = List.copyOf(slots);
  }
}
