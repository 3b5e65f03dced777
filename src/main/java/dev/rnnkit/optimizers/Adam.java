package dev.rnnkit.optimizers;

import java.util.List;
import java.util.Map;

/**
 * Keras's Adam: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false by
 * default. Per step t (from 1, Keras's {@code iterations + 1}), with g the gradient:
 *
 * <pre>
 * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g²;  [amsgrad: v_hat = max(v_hat, v), used for v]
 * var -= lr * sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps)
 * </pre>
 *
 * The step count lives in Java and reaches the graph as the fed powers b1^t and b2^t, so the
 * optimizer state is the slots plus one integer. The learning rate is fed with them, the
 * record's value unless the model's was changed (ReduceLROnPlateau), so that it can change
 * between two steps; the same float reaches the same kernels as a constant would.
 */
public record Adam(float learningRate, float beta1, float beta2, float epsilon, boolean amsgrad,
    OptimizerOptions options) implements Optimizer {

  public Adam {
    check("Adam", learningRate, beta1, beta2, epsilon);
    if (options == null) {
      throw new IllegalArgumentException("Adam's options are null: use OptimizerOptions.NONE");
    }
  }

  /** Adam without AMSGrad, weight decay or clipping. */
  public Adam(float learningRate, float beta1, float beta2, float epsilon) {
    this(learningRate, beta1, beta2, epsilon, false, OptimizerOptions.NONE);
  }

  static void check(String name, float learningRate, float beta1, float beta2, float epsilon) {
    if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException(name
          + " needs learning_rate > 0, 0 <= beta_1, beta_2 < 1 and epsilon > 0; got "
          + learningRate + ", " + beta1 + ", " + beta2 + ", " + epsilon);
    }
  }

  /** Keras's defaults. */
  public static Adam keras() {
    return new Adam(0.001f, 0.9f, 0.999f, 1e-7f);
  }

  @Override
  public Adam withLearningRate(float lr) {
    return new Adam(lr, beta1, beta2, epsilon, amsgrad, options);
  }

  @Override
  public Adam withOptions(OptimizerOptions newOptions) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, newOptions);
  }

  public Adam withAmsgrad(boolean on) {
    return new Adam(learningRate, beta1, beta2, epsilon, on, options);
  }

  /** b1^t as the graph is fed it for step {@code t} (1-based). */
  public float beta1Power(long t) {
    return (float) Math.pow(beta1, t);
  }

  public float beta2Power(long t) {
    return (float) Math.pow(beta2, t);
  }

  @Override
  public float[] stepValues(long t) {
    return new float[] {beta1Power(t), beta2Power(t)};
  }

  @Override
  public String kerasClassName() {
    return "Adam";
  }

  @Override
  public Map<String, Object> kerasConfig() {
    return adamConfig("adam", learningRate, beta1, beta2, epsilon, amsgrad, options);
  }

  static Map<String, Object> adamConfig(String name, float learningRate, float beta1, float beta2,
      float epsilon, boolean amsgrad, OptimizerOptions options) {
    Map<String, Object> config = KerasOptimizerConfig.base(name, learningRate, options);
    config.put("beta_1", KerasOptimizerConfig.number(beta1));
    config.put("beta_2", KerasOptimizerConfig.number(beta2));
    config.put("epsilon", KerasOptimizerConfig.number(epsilon));
    config.put("amsgrad", amsgrad);
    return config;
  }

  /** m and v per weight; with AMSGrad then v-hat per weight (Keras's order). */
  @Override
  public List<List<String>> slotGroups() {
    return slotGroups(amsgrad);
  }

  static List<List<String>> slotGroups(boolean amsgrad) {
    return amsgrad ? List.of(List.of("m", "v"), List.of("vhat")) : List.of(List.of("m", "v"));
  }

  @Override
  public String kerasSlotName(String slot) {
    return kerasAdamSlotName(slot);
  }

  static String kerasAdamSlotName(String slot) {
    return Map.of("m", "momentum", "v", "velocity", "vhat", "velocity_hat").get(slot);
  }

}
