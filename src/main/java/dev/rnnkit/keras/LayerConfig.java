package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * One Keras layer's {@code config} object, read key by key. Every key must be consumed by the
 * mapper (read, checked or deliberately ignored); {@link #refuseUnreadKeys()} then refuses any
 * other key that switches something on, so an option this code has never heard of is not dropped
 * silently.
 */
final class LayerConfig {

  private final String layerName;
  private final String className;
  private final JsonNode config;
  private final Set<String> consumed = new HashSet<>();

  LayerConfig(String layerName, String className, JsonNode config) {
    this.layerName = layerName;
    this.className = className;
    this.config = config;
  }

  String layerName() {
    return layerName;
  }

  String className() {
    return className;
  }

  boolean has(String key) {
    JsonNode value = config.get(key);
    return value != null && !value.isNull();
  }

  /** The raw value, or null when absent; marks the key as read. */
  JsonNode get(String key) {
    consumed.add(key);
    JsonNode value = config.get(key);
    return value == null || value.isNull() ? null : value;
  }

  int requiredInt(String key) {
    JsonNode value = get(key);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(key, "an integer", value);
    }
    return value.asInt();
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode value = get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw malformed(key, "true or false", value);
    }
    return value.booleanValue();
  }

  double number(String key, double defaultValue) {
    JsonNode value = get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isNumber()) {
      throw malformed(key, "a number", value);
    }
    return value.doubleValue();
  }

  /**
   * An activation's name. Keras writes it as a string ({@code "relu"}); some versions wrap it as
   * {@code {"class_name": "function", "config": "relu"}}.
   */
  String activation(String key) {
    JsonNode value = get(key);
    if (value == null) {
      throw new KerasImportException(String.format(Locale.ROOT,
          "%s layer '%s' has no '%s' in its config; Keras's default for it changed between"
              + " versions, so RNNKit will not guess it: re-save the model with a recent Keras",
          className, layerName, key));
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isObject() && value.path("config").isTextual()) {
      return value.path("config").textValue();
    }
    throw unsupported(key, key + "=" + value + " (a custom activation object)");
  }

  /** Requires the key to be absent, null or equal to {@code allowed}. */
  void require(String key, boolean allowed, String why) {
    JsonNode value = get(key);
    if (value != null && (!value.isBoolean() || value.booleanValue() != allowed)) {
      throw unsupported(key, key + "=" + value + ": " + why);
    }
  }

  /** Requires the key to be absent or null (a regularizer, a constraint, a quantization). */
  void requireNull(String key, String why) {
    JsonNode value = get(key);
    if (value != null) {
      throw unsupported(key, key + "=" + value + ": " + why);
    }
  }

  /** Marks keys whose value does not change what the layer computes from its weights. */
  void ignore(String... keys) {
    for (String key : keys) {
      consumed.add(key);
    }
  }

  /** The layer's dtype policy must compute in float32. */
  void requireFloat32Policy() {
    JsonNode value = get("dtype");
    if (value == null) {
      return;
    }
    String name = dtypeName(value);
    if (!"float32".equals(name)) {
      throw unsupported("dtype", "dtype=" + value + ": RNNKit computes in float32 only");
    }
  }

  /** A dtype or dtype policy's name: {@code "float32"} or {@code {"config": {"name": "float32"}}}. */
  static String dtypeName(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    JsonNode name = value.path("config").path("name");
    return name.isTextual() ? name.textValue() : value.toString();
  }

  /**
   * Refuses every key not read so far whose value is neither null nor false: an unknown option
   * that is switched on may change what the layer computes.
   */
  void refuseUnreadKeys() {
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      JsonNode value = config.get(key);
      boolean off = value.isNull() || (value.isBoolean() && !value.booleanValue());
      if (!consumed.contains(key) && !off) {
        throw unsupported(key, "option " + key + "=" + value
            + " is not one RNNKit knows for " + className + ", so it cannot promise the same"
            + " results; remove it in Keras and re-save the model");
      }
    }
  }

  UnsupportedKerasFeatureException unsupported(String option, String detail) {
    return new UnsupportedKerasFeatureException(layerName, option,
        className + " layer '" + layerName + "': " + detail);
  }

  private KerasImportException malformed(String key, String expected, JsonNode value) {
    return new KerasImportException(String.format(Locale.ROOT,
        "%s layer '%s' has '%s' = %s in its config, expected %s: the config is damaged",
        className, layerName, key, value, expected));
  }
}
