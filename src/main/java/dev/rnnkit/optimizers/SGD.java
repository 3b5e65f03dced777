package dev.rnnkit.optimizers;

import java.util.List;
import java.util.Map;

/**
 * Keras's SGD: learning_rate 0.01, momentum 0.0, nesterov false by default (formula in
 * {@code SgdRule}). One slot per weight, {@code momentum}, only when momentum is not 0.
 */
public record SGD(float learningRate, float momentum, boolean nesterov, OptimizerOptions options)
    implements Optimizer {

  public SGD {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("SGD needs learning_rate > 0; got " + learningRate);
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      // Keras's message.
      throw new IllegalArgumentException("`momentum` must be a float between [0, 1]. Received: "
          + momentum);
    }
    if (options == null) {
      throw new IllegalArgumentException("SGD's options are null: use OptimizerOptions.NONE");
    }
  }

  /** Keras's defaults. */
  public static SGD keras() {
    return new SGD(0.01f, 0f, false, OptimizerOptions.NONE);
  }

  public SGD withMomentum(float m) {
    return new SGD(learningRate, m, nesterov, options);
  }

  public SGD withNesterov(boolean n) {
    return new SGD(learningRate, momentum, n, options);
  }

  @Override
  public SGD withLearningRate(float lr) {
    return new SGD(lr, momentum, nesterov, options);
  }

  @Override
  public SGD withOptions(OptimizerOptions newOptions) {
    return new SGD(learningRate, momentum, nesterov, newOptions);
  }

  @Override
  public float[] stepValues(long t) {
    return new float[0];
  }

  @Override
  public String kerasClassName() {
    return "SGD";
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = KerasOptimizerConfig.base("sgd", learningRate, options);
    config.put("momentum", KerasOptimizerConfig.number(momentum));
    config.put("nesterov", nesterov);
    return config;
  }

  @Override
  public List<List<String>> slotGroups() {
    return momentum != 0 ? List.of(List.of("momentum")) : List.of();
  }

  @Override
  public String kerasSlotName(String slot) {
    return slot;
  }
}
