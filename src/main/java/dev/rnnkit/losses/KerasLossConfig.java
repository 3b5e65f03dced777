package dev.rnnkit.losses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loss as Keras 3 serializes it ({@code keras.saving.serialize_keras_object}) and reads it
 * back: the keys and order of Keras 3.15.1's {@code get_config} of each loss class.
 */
final class KerasLossConfig {

  static final String FROM_LOGITS_SUFFIX = ":from_logits";

  private static final String DEFAULT_REDUCTION = "sum_over_batch_size";

  private KerasLossConfig() {}

  /** The name when every option is Keras's default, else the serialized object. */
  static Object serialize(Loss loss) {
    if (!loss.fromLogits()) {
      return loss.kerasName();
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", loss.kerasName());
    config.put("reduction", DEFAULT_REDUCTION);
    config.put("from_logits", true);
    if (loss.isSparseCategorical()) {
      config.put("ignore_class", null);
    } else {
      config.put("label_smoothing", 0.0);
      config.put("axis", -1);
    }
    Map<String, Object> serialized = new LinkedHashMap<>();
    serialized.put("module", "keras.losses");
    serialized.put("class_name", className(loss.kerasName()));
    serialized.put("config", config);
    serialized.put("registered_name", null);
    return serialized;
  }

  /** Keras's class of a loss name: {@code categorical_crossentropy} is CategoricalCrossentropy. */
  static String className(String kerasName) {
    StringBuilder name = new StringBuilder();
    for (String word : kerasName.split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  static Loss deserialize(String className, Map<String, ?> config) {
    String name = switch (className) {
      case "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
          "MeanSquaredError", "MeanAbsoluteError" -> kerasName(className);
      default -> throw new IllegalArgumentException("Unsupported Keras loss class '" + className
          + "'; supported: BinaryCrossentropy, CategoricalCrossentropy,"
          + " SparseCategoricalCrossentropy, MeanSquaredError, MeanAbsoluteError");
    };
    Map<String, ?> options = config == null ? Map.of() : config;
    Set<String> known = name.endsWith("crossentropy")
        ? Set.of("name", "dtype", "reduction", "from_logits", "label_smoothing", "axis",
            "ignore_class")
        : Set.of("name", "dtype", "reduction");
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw refused(className, key, options.get(key), "RNNKit does not know this option");
      }
    }
    requireDefault(className, options, "reduction", List.of(DEFAULT_REDUCTION),
        "only the mean over the batch (sum_over_batch_size) is implemented");
    requireDefault(className, options, "label_smoothing", List.of(0, 0.0),
        "label smoothing is not implemented: smooth the labels in the data instead");
    requireDefault(className, options, "axis", List.of(-1),
        "only the last axis holds the classes in RNNKit");
    requireDefault(className, options, "ignore_class", List.of(),
        "ignoring a class is not implemented");
    requireDefault(className, options, "dtype", List.of("float32"),
        "RNNKit computes losses in float32");
    Object fromLogits = options.get("from_logits");
    if (fromLogits != null && !(fromLogits instanceof Boolean)) {
      throw refused(className, "from_logits", fromLogits, "it must be true or false");
    }
    return Loss.fromKerasName(name, Boolean.TRUE.equals(fromLogits));
  }

  private static String kerasName(String className) {
    return className.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** An option absent, null or one of {@code allowed} (numbers compared by value). */
  private static void requireDefault(String className, Map<String, ?> options, String key,
      List<?> allowed, String why) {
    Object value = options.get(key);
    if (value == null) {
      return;
    }
    for (Object ok : allowed) {
      if (ok.equals(value) || (ok instanceof Number n && value instanceof Number v
          && n.doubleValue() == v.doubleValue())) {
        return;
      }
    }
    throw refused(className, key, value, why);
  }

  private static IllegalArgumentException refused(String className, String key, Object value,
      String why) {
    return new IllegalArgumentException("Unsupported option of Keras loss " + className + ": "
        + key + "=" + value + " (" + why + "); RNNKit supports only from_logits and Keras's"
        + " defaults of the others");
  }
}
