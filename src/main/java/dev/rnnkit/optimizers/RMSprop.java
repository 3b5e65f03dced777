package dev.rnnkit.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's RMSprop: learning_rate 0.001, rho 0.9, momentum 0.0, epsilon 1e-7, centered false by
 * default (formula in {@code RmspropRule}). Slots per weight: {@code velocity}, then
 * {@code momentum} when momentum > 0, then {@code average_gradient} when centered.
 */
public record RMSprop(float learningRate, float rho, float momentum, float epsilon,
    boolean centered, OptimizerOptions options) implements Optimizer {

  public RMSprop {
    if (!(learningRate > 0) || !(rho >= 0 && rho <= 1) || !(momentum >= 0) || !(epsilon >= 0)
        || !Float.isFinite(momentum)) {
      throw new IllegalArgumentException("RMSprop needs learning_rate > 0, 0 <= rho <= 1,"
          + " momentum >= 0 and epsilon >= 0; got " + learningRate + ", " + rho + ", " + momentum
          + ", " + epsilon);
    }
    if (options == null) {
      throw new IllegalArgumentException("RMSprop's options are null: use OptimizerOptions.NONE");
    }
  }

  /** Keras's defaults. */
  public static RMSprop keras() {
    return new RMSprop(0.001f, 0.9f, 0f, 1e-7f, false, OptimizerOptions.NONE);
  }

  public RMSprop withRho(float r) {
    return new RMSprop(learningRate, r, momentum, epsilon, centered, options);
  }

  public RMSprop withMomentum(float m) {
    return new RMSprop(learningRate, rho, m, epsilon, centered, options);
  }

  public RMSprop withCentered(boolean c) {
    return new RMSprop(learningRate, rho, momentum, epsilon, c, options);
  }

  @Override
  public RMSprop withLearningRate(float lr) {
    return new RMSprop(lr, rho, momentum, epsilon, centered, options);
  }

  @Override
  public RMSprop withOptions(OptimizerOptions newOptions) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, newOptions);
  }

  @Override
  public float[] stepValues(long t) {
    return new float[0];
  }

  @Override
  public String kerasClassName() {
    return "RMSprop";
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = KerasOptimizerConfig.base("rm_sprop", learningRate, options);
    config.put("rho", KerasOptimizerConfig.number(rho));
    config.put("momentum", KerasOptimizerConfig.number(momentum));
    config.put("epsilon", KerasOptimizerConfig.number(epsilon));
    config.put("centered", centered);
    return config;
  }

  @Override
  public List<List<String>> slotGroups() {
    List<List<String>> groups = new ArrayList<>(List.of(List.of("velocity")));
    if (momentum > 0) {
      groups.add(List.of("momentum"));
    }
    if (centered) {
      groups.add(List.of("average_gradient"));
    }
    return List.copyOf(groups);
  }

  @Override
  public String kerasSlotName(String slot) {
    return slot;
  }
}
