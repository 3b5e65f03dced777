package dev.rnnkit.layers;

import java.util.List;
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
      case "Conv1D" -> conv1d(name, config);
      case "MaxPooling1D" -> new MaxPooling1D(name, windowOf(config, "pool_size"),
          stridesOf(config), paddingOf(config, "MaxPooling1D '" + name + "'", false));
      case "AveragePooling1D" -> new AveragePooling1D(name, windowOf(config, "pool_size"),
          stridesOf(config), paddingOf(config, "AveragePooling1D '" + name + "'", false));
      case "Flatten" -> flatten(name, config);
      case "Bidirectional" -> bidirectional(name, config);
      case "TimeDistributed" -> timeDistributed(name, config);
      default -> throw new IllegalArgumentException("Unsupported layer class '" + className
          + "' (layer '" + name + "'): RNNKit supports Embedding, Masking, LSTM, GRU, SimpleRNN,"
          + " Bidirectional, TimeDistributed(Dense), GlobalMaxPooling1D, GlobalAveragePooling1D,"
          + " Conv1D, MaxPooling1D, AveragePooling1D, Flatten, Dense, Dropout and SpatialDropout1D");
    };
  }

  /** Conv1D's config as Keras writes it; groups and channels_first are refused by name. */
  private static Layer conv1d(String name, Map<String, ?> config) {
    String layer = "Conv1D '" + name + "'";
    requireChannelsLast(config, layer);
    Object groups = config.get("groups");
    if (groups != null && !(groups instanceof Number n && n.intValue() == 1)) {
      throw new IllegalArgumentException(layer + ": groups=" + groups + " (a grouped"
          + " convolution) is not supported; use groups=1");
    }
    Object activation = config.get("activation");
    return new Conv1D(name, intOf(config, "filters"), windowOf(config, "kernel_size"),
        config.get("strides") == null ? 1 : windowOf(config, "strides"),
        paddingOf(config, layer, true),
        config.get("dilation_rate") == null ? 1 : windowOf(config, "dilation_rate"),
        Activation.fromKerasName(activation == null ? "linear" : String.valueOf(activation)),
        boolOf(config, "use_bias", true));
  }

  private static Layer flatten(String name, Map<String, ?> config) {
    requireChannelsLast(config, "Flatten '" + name + "'");
    return new Flatten(name);
  }

  private static void requireChannelsLast(Map<String, ?> config, String layer) {
    Object format = config.get("data_format");
    if (format != null && !format.equals("channels_last")) {
      throw new IllegalArgumentException(layer + ": data_format='" + format + "' is not"
          + " supported; RNNKit takes sequences [batch, time, channels] (channels_last)");
    }
  }

  /** A pooling's strides: Keras's None means the pool size. */
  private static int stridesOf(Map<String, ?> config) {
    return config.get("strides") == null ? windowOf(config, "pool_size")
        : windowOf(config, "strides");
  }

  private static Padding paddingOf(Map<String, ?> config, String layer, boolean convolution) {
    Object padding = config.get("padding");
    return Padding.fromKerasName(padding == null ? "valid" : String.valueOf(padding), layer,
        convolution);
  }

  /**
   * A 1D window argument: Keras writes {@code kernel_size}, {@code strides}, {@code pool_size}
   * and {@code dilation_rate} as a list of one integer ({@code [3]}); an integer is read too.
   */
  private static int windowOf(Map<String, ?> config, String key) {
    Object v = config.get(key);
    if (v instanceof List<?> list && list.size() == 1) {
      v = list.get(0);
    }
    if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException("Layer '" + config.get("name") + "' needs '" + key
          + "' as one integer or a list of one integer (a 1D window), got " + v);
    }
    return n.intValue();
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
