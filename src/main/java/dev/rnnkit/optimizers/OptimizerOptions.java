package dev.rnnkit.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments every Keras optimizer takes from its base class: {@code weight_decay},
 * {@code clipnorm}, {@code global_clipnorm} and {@code clipvalue}, each null when unset (Keras's
 * default). As in Keras, at most one of the three clipping arguments may be set, and a clipping
 * value that is not positive clips nothing ({@code _clip_gradients} tests {@code > 0}).
 *
 * <p>Per step, in Keras's order: the gradients are clipped ({@code clipnorm}: each weight's
 * gradient to that L2 norm; {@code global_clipnorm}: all gradients together to that norm;
 * {@code clipvalue}: each element to [-v, v]), then every weight is decayed ({@code var -= var *
 * weight_decay * learning_rate}), then the optimizer's own update runs on the clipped gradients.
 */
public record OptimizerOptions(Float weightDecay, Float clipnorm, Float globalClipnorm, Float clipvalue) {

  /** Nothing set: no weight decay and no clipping. */
  public static final OptimizerOptions NONE = new OptimizerOptions(null, null, null, null);

  public OptimizerOptions {
    int clips = (clipnorm != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0);
    if (clips > 1) {
      // Keras's own message (base_optimizer.py), with the fix.
      throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and"
          + " `global_clipnorm` can be set. Received: clipnorm=" + none(clipnorm) + ", clipvalue="
          + none(clipvalue) + ", global_clipnorm=" + none(globalClipnorm)
          + ". Keep one of them (Keras refuses the combination too)");
    }
    for (Float value : new Float[] {weightDecay, clipnorm, globalClipnorm, clipvalue}) {
      if (value != null && !Float.isFinite(value)) {
        throw new IllegalArgumentException("Optimizer weight decay and clipping values must be"
            + " finite numbers, got " + value);
      }
    }
  }

  private static String none(Float value) {
    return value == null ? "None" : value.toString();
  }

  public OptimizerOptions withWeightDecay(Float decay) {
    return new OptimizerOptions(decay, clipnorm, globalClipnorm, clipvalue);
  }

  public OptimizerOptions withClipnorm(Float norm) {
    return new OptimizerOptions(weightDecay, norm, globalClipnorm, clipvalue);
  }

  public OptimizerOptions withGlobalClipnorm(Float norm) {
    return new OptimizerOptions(weightDecay, clipnorm, norm, clipvalue);
  }

  public OptimizerOptions withClipvalue(Float value) {
    return new OptimizerOptions(weightDecay, clipnorm, globalClipnorm, value);
  }

  /** Whether a gradient is changed before the update (Keras clips only for values > 0). */
  public boolean clips() {
    return positive(clipnorm) || positive(globalClipnorm) || positive(clipvalue);
  }

  static boolean positive(Float value) {
    return value != null && value > 0;
  }

  /** The keys Keras writes for the values that are set (unset ones are Keras's defaults). */
  Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    putIfSet(config, "weight_decay", weightDecay);
    putIfSet(config, "clipnorm", clipnorm);
    putIfSet(config, "global_clipnorm", globalClipnorm);
    putIfSet(config, "clipvalue", clipvalue);
    return config;
  }

  private static void putIfSet(Map<String, Object> config, String key, Float value) {
    if (value != null) {
      config.put(key, KerasOptimizerConfig.number(value));
    }
  }
}
