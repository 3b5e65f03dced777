package dev.rnnkit.layers;

import java.util.Map;

/**
 * Rebuilds a layer from its Keras class name and config (the inverse of
 * {@link Layer#kerasConfig()}). Options RNNKit does not implement are refused by name.
 */
public final class LayerFactory {

  private LayerFactory() {}

  public static Layer fromKerasConfig(String className, Map<String, ?> config) {
    String name = (String) config.get("name");
    return switch (className) {
      case "Embedding" -> new Embedding(name, intOf(config, "input_dim"), intOf(config, "output_dim"),
          boolOf(config, "mask_zero", false));
      case "Masking" -> new Masking(name, floatOf(config, "mask_value", 0f));
      case "Dense" -> new Dense(name, intOf(config, "units"),
          Activation.fromKerasName(config.get("activation") == null ? "linear" : String.valueOf(config.get("activation"))));
      case "LSTM" -> new LSTM(name, intOf(config, "units"), boolOf(config, "return_sequences", false),
          true, recurrentOptions(config));
      case "GRU" -> new GRU(name, intOf(config, "units"), boolOf(config, "return_sequences", false),
          boolOf(config, "reset_after", true), recurrentOptions(config));
      case "SimpleRNN" -> new SimpleRNN(name, intOf(config, "units"),
          boolOf(config, "return_sequences", false), recurrentOptions(config));
      case "Dropout" -> new Dropout(name, floatOf(config, "rate", 0f), noiseShapeOf(config),
          seedOf(config));
      case "SpatialDropout1D" -> new SpatialDropout1D(name, floatOf(config, "rate", 0f),
          seedOf(config));
      case "GlobalMaxPooling1D" -> new GlobalMaxPooling1D(name);
      case "GlobalAveragePooling1D" -> new GlobalAveragePooling1D(name);
      case "Bidirectional" -> bidirectional(name, config);
      case "TimeDistributed" -> timeDistributed(name, config);
      default -> throw new IllegalArgumentException("Unsupported layer class '" + className
          + "' (layer '" + name + "'): RNNKit supports Embedding, Masking, LSTM, GRU, SimpleRNN,"
          + " Bidirectional, TimeDistributed(Dense), GlobalMaxPooling1D, GlobalAveragePooling1D,"
          + " Dense, Dropout and SpatialDropout1D");
    };
  }

  /** Bidirectional's own config: the wrapped layer is {@code layer}, named forward_<name>. */
  private static Layer bidirectional(String name, Map<String, ?> config) {
    @SuppressWarnings("unchecked")
    Map<String, Object> renamed = new java.util.LinkedHashMap<>(
        (Map<String, Object>) wrappedConfig("Bidirectional", config));
    renamed.put("name", Bidirectional.wrappedName(String.valueOf(renamed.get("name"))));
    Layer layer = fromKerasConfig(wrappedClass(config), renamed);
    if (!(layer instanceof RecurrentLayer recurrent)) {
      throw new IllegalArgumentException("Bidirectional '" + name + "' wraps a "
          + layer.kerasClassName() + "; it takes a recurrent layer");
    }
    return new Bidirectional(name, recurrent,
        Bidirectional.MergeMode.fromKerasName(String.valueOf(config.get("merge_mode"))));
  }

  /** TimeDistributed's own config: the wrapped Dense is {@code layer}. */
  private static Layer timeDistributed(String name, Map<String, ?> config) {
    Map<?, ?> innerConfig = wrappedConfig("TimeDistributed", config);
    @SuppressWarnings("unchecked")
    Layer layer = fromKerasConfig(wrappedClass(config), (Map<String, ?>) innerConfig);
    if (!(layer instanceof Dense dense)) {
      throw new IllegalArgumentException("TimeDistributed '" + name + "' wraps a "
          + layer.kerasClassName() + "; it takes a Dense");
    }
    return new TimeDistributed(name, dense);
  }

  /** A wrapper's {@code layer}: {@code {"class_name": ..., "config": {...}}}; its config. */
  private static Map<?, ?> wrappedConfig(String wrapper, Map<String, ?> config) {
    if (!(config.get("layer") instanceof Map<?, ?> inner)
        || !(inner.get("config") instanceof Map<?, ?> innerConfig)) {
      throw new IllegalArgumentException(wrapper + " config lacks its 'layer': " + config);
    }
    return innerConfig;
  }

  private static String wrappedClass(Map<String, ?> config) {
    return String.valueOf(((Map<?, ?>) config.get("layer")).get("class_name"));
  }

  /** The cell options; a key that is absent (an older rnnkit.json) has Keras's default. */
  private static RecurrentOptions recurrentOptions(Map<String, ?> config) {
    RecurrentOptions d = RecurrentOptions.DEFAULTS;
    return new RecurrentOptions(
        boolOf(config, "go_backwards", d.goBackwards()),
        boolOf(config, "use_bias", d.useBias()),
        activationOf(config, "activation", d.activation()),
        activationOf(config, "recurrent_activation", d.recurrentActivation()),
        boolOf(config, "unit_forget_bias", d.unitForgetBias()))
        .withDropout(floatOf(config, "dropout", 0f))
        .withRecurrentDropout(floatOf(config, "recurrent_dropout", 0f))
        .withSeed(seedOf(config));
  }

  /** A dropout layer's {@code seed}: an int, or null (absent or null). */
  private static Integer seedOf(Map<String, ?> config) {
    return config.get("seed") instanceof Number n ? n.intValue() : null;
  }

  /** Dropout's {@code noise_shape}: null, or a list of ints and nulls. */
  private static java.util.List<Integer> noiseShapeOf(Map<String, ?> config) {
    if (!(config.get("noise_shape") instanceof java.util.List<?> dims)) {
      return null;
    }
    java.util.List<Integer> shape = new java.util.ArrayList<>();
    for (Object d : dims) {
      shape.add(d instanceof Number n ? n.intValue() : null);
    }
    return shape;
  }

  private static Activation activationOf(Map<String, ?> config, String key, Activation fallback) {
    Object v = config.get(key);
    return v == null ? fallback : Activation.fromKerasName(String.valueOf(v));
  }

  private static int intOf(Map<String, ?> config, String key) {
    Object v = config.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("Layer config lacks a number '" + key + "': " + config);
    }
    return n.intValue();
  }

  private static float floatOf(Map<String, ?> config, String key, float fallback) {
    return config.get(key) instanceof Number n ? n.floatValue() : fallback;
  }

  private static boolean boolOf(Map<String, ?> config, String key, boolean fallback) {
    Object v = config.get(key);
    return v instanceof Boolean b ? b : fallback;
  }
}
