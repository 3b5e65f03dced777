package dev.rnnkit.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keras optimizer configs ({@code get_config()} dicts) to and from {@link Optimizer}s: the keys
 * Keras 3 writes (and tf.keras 2's, whose extra keys {@code jit_compile},
 * {@code is_legacy_optimizer} and {@code decay} Keras 3 ignores too), missing keys taking
 * Keras's defaults. What RNNKit cannot run is refused by name: another optimizer class, a
 * learning-rate schedule, {@code use_ema}, {@code loss_scale_factor},
 * {@code gradient_accumulation_steps}, an unknown key.
 */
public final class KerasOptimizerConfig {

  /** The optimizers RNNKit runs, by Keras class name. */
  public static final List<String> SUPPORTED = List.of("Adam", "AdamW", "RMSprop", "SGD");

  private static final Set<String> BASE_KEYS = Set.of("name", "learning_rate", "weight_decay",
      "clipnorm", "global_clipnorm", "clipvalue", "use_ema", "ema_momentum",
      "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps",
      "jit_compile", "is_legacy_optimizer", "decay");

  private static final Map<String, Set<String>> OWN_KEYS = Map.of(
      "Adam", Set.of("beta_1", "beta_2", "epsilon", "amsgrad"),
      "AdamW", Set.of("beta_1", "beta_2", "epsilon", "amsgrad"),
      "RMSprop", Set.of("rho", "momentum", "epsilon", "centered"),
      "SGD", Set.of("momentum", "nesterov"));

  private KerasOptimizerConfig() {}

  /** A float32 setting as the decimal Keras shows for it (0.001, not 0.0010000000474974513). */
  static double number(float value) {
    return Double.parseDouble(Float.toString(value));
  }

  /**
   * {@code 1 - beta} as Keras computes it: in Python doubles from the decimal setting, then
   * rounded to float32 when it meets a float32 tensor (0.1f for 0.9, where 1f - 0.9f is 1 ulp
   * above).
   */
  static float oneMinus(float beta) {
    return (float) (1.0 - number(beta));
  }

  /** {@code name}, {@code learning_rate} and the base keys that are set. */
  static Map<String, Object> base(String name, float learningRate, OptimizerOptions options) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate", number(learningRate));
    config.putAll(options.kerasConfig());
    return config;
  }

  /**
   * The optimizer of Keras class {@code className} ({@code Adam}, also written {@code adam} or,
   * by tf.keras 2.11+, {@code Custom>Adam}) with {@code config}.
   *
   * @throws IllegalArgumentException for anything RNNKit cannot run, named
   */
  public static Optimizer fromKeras(String className, Map<String, ?> config) {
    String kerasClass = canonical(className);
    for (String key : config.keySet()) {
      if (!BASE_KEYS.contains(key) && !OWN_KEYS.get(kerasClass).contains(key)) {
        throw new IllegalArgumentException("Optimizer " + kerasClass + " has an unknown setting '"
            + key + "': RNNKit reads " + new java.util.TreeSet<>(OWN_KEYS.get(kerasClass))
            + " and Keras's base optimizer keys");
      }
    }
    refuseUnsupported(config);
    Settings s = new Settings(kerasClass, config);
    OptimizerOptions options = new OptimizerOptions(s.optionalFloat("weight_decay"),
        s.optionalFloat("clipnorm"), s.optionalFloat("global_clipnorm"), s.optionalFloat("clipvalue"));
    return switch (kerasClass) {
      case "Adam" -> new Adam(s.number("learning_rate", 0.001f), s.number("beta_1", 0.9f),
          s.number("beta_2", 0.999f), s.number("epsilon", 1e-7f), s.bool("amsgrad"), options);
      case "AdamW" -> new AdamW(s.number("learning_rate", 0.001f), s.number("beta_1", 0.9f),
          s.number("beta_2", 0.999f), s.number("epsilon", 1e-7f), s.bool("amsgrad"),
          config.containsKey("weight_decay") ? options : options.withWeightDecay(0.004f));
      case "RMSprop" -> new RMSprop(s.number("learning_rate", 0.001f), s.number("rho", 0.9f),
          s.number("momentum", 0f), s.number("epsilon", 1e-7f), s.bool("centered"), options);
      default -> new SGD(s.number("learning_rate", 0.01f), s.number("momentum", 0f),
          s.bool("nesterov"), options);
    };
  }

  private static String canonical(String className) {
    String plain = className == null ? "" : className.replaceFirst("^Custom>", "");
    for (String known : SUPPORTED) {
      if (known.equalsIgnoreCase(plain)) {
        return known;
      }
    }
    throw new IllegalArgumentException("Optimizer '" + className + "' is not supported: RNNKit"
        + " runs " + String.join(", ", SUPPORTED)
        + " (Keras class names; adam, adamw, rmsprop, sgd on the command line)");
  }

  private static void refuseUnsupported(Map<String, ?> config) {
    if (config.get("learning_rate") instanceof Map<?, ?>) {
      throw new IllegalArgumentException("A learning-rate schedule is not supported: RNNKit"
          + " needs a fixed learning_rate (ReduceLROnPlateau can lower it during fit)");
    }
    if (Boolean.TRUE.equals(config.get("use_ema"))) {
      throw new IllegalArgumentException("use_ema=True is not supported: RNNKit keeps no moving"
          + " average of the weights; compile with use_ema=False");
    }
    for (String key : List.of("loss_scale_factor", "gradient_accumulation_steps")) {
      if (config.get(key) != null) {
        throw new IllegalArgumentException(key + "=" + config.get(key) + " is not supported:"
            + " RNNKit trains in float32 with one update per batch; set it to None");
      }
    }
  }

  /** Reads one optimizer's values, naming it and the key in every complaint. */
  private record Settings(String kerasClass, Map<String, ?> config) {
    float number(String key, float keras) {
      Object value = config.get(key);
      if (value == null) {
        return keras;
      }
      if (!(value instanceof Number n)) {
        throw new IllegalArgumentException(kerasClass + "'s " + key + " must be a number, got "
            + value);
      }
      return n.floatValue();
    }

    Float optionalFloat(String key) {
      return config.get(key) == null ? null : number(key, 0f);
    }

    boolean bool(String key) {
      Object value = config.get(key);
      if (value != null && !(value instanceof Boolean)) {
        throw new IllegalArgumentException(kerasClass + "'s " + key + " must be true or false, got "
            + value);
      }
      return Boolean.TRUE.equals(value);
    }
  }

  /** The CLI's lower-case name of an optimizer ({@code adam}, {@code adamw}, ...). */
  public static String cliName(Optimizer optimizer) {
    return optimizer.kerasClassName().toLowerCase(Locale.ROOT);
  }
}
