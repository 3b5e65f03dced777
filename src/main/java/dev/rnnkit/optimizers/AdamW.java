package dev.rnnkit.optimizers;

import java.util.List;
import java.util.Map;

/**
 * Keras's AdamW: Adam with decoupled weight decay, by default learning_rate 0.001,
 * weight_decay 0.004, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false. Before each Adam
 * update every weight is decayed, {@code var -= var * weight_decay * lr} (Keras's base optimizer
 * does it for any optimizer given a weight_decay; Keras excludes no weight unless
 * {@code exclude_from_weight_decay} was called, which is not part of the saved config).
 */
public record AdamW(float learningRate, float beta1, float beta2, float epsilon, boolean amsgrad,
    OptimizerOptions options) implements Optimizer {

  public AdamW {
    Adam.check("AdamW", learningRate, beta1, beta2, epsilon);
    if (options == null || options.weightDecay() == null) {
      // Keras's message: AdamW without a decay is Adam.
      throw new IllegalArgumentException("Argument `weight_decay` must be a float. Received:"
          + " weight_decay=None (AdamW's default is 0.004; use Adam for no decay)");
    }
  }

  /** Keras's defaults. */
  public static AdamW keras() {
    return new AdamW(0.001f, 0.9f, 0.999f, 1e-7f, false,
        OptimizerOptions.NONE.withWeightDecay(0.004f));
  }

  public float weightDecay() {
    return options.weightDecay();
  }

  public AdamW withWeightDecay(float decay) {
    return withOptions(options.withWeightDecay(decay));
  }

  public AdamW withAmsgrad(boolean on) {
    return new AdamW(learningRate, beta1, beta2, epsilon, on, options);
  }

  @Override
  public AdamW withLearningRate(float lr) {
    return new AdamW(lr, beta1, beta2, epsilon, amsgrad, options);
  }

  @Override
  public AdamW withOptions(OptimizerOptions newOptions) {
    return new AdamW(learningRate, beta1, beta2, epsilon, amsgrad, newOptions);
  }

  @Override
  public float[] stepValues(long t) {
    return new float[] {(float) Math.pow(beta1, t), (float) Math.pow(beta2, t)};
  }

  @Override
  public String kerasClassName() {
    return "AdamW";
  }

  @Override
  public Map<String, Object> kerasConfig() {
    return Adam.adamConfig("adam_w", learningRate, beta1, beta2, epsilon, amsgrad, options);
  }

  @Override
  public List<List<String>> slotGroups() {
    return Adam.slotGroups(amsgrad);
  }

  @Override
  public String kerasSlotName(String slot) {
    return Adam.kerasAdamSlotName(slot);
  }
}
