package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.AveragePooling1D;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.GlobalAveragePooling1D;
import dev.rnnkit.layers.GlobalMaxPooling1D;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Noise;
import dev.rnnkit.layers.Padding;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.layers.SimpleRNN;
import dev.rnnkit.layers.SpatialDropout1D;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a Keras model config (the {@code {"class_name": "Sequential", "config": {...}}} object that
 * every Keras format stores) to an RNNKit architecture. Reads the tf.keras 2 form (legacy:
 * {@code batch_input_shape}, {@code __tuple__} wrappers) and the Keras 3 form ({@code module},
 * {@code batch_shape}, dtype policies) alike.
 *
 * <p>Every option that changes what a layer computes is checked; a value RNNKit does not compute
 * is refused with {@link UnsupportedKerasFeatureException}, never approximated.
 */
final class KerasConfigMapper {

  private static final String SUPPORTED =
      "InputLayer, Embedding, Masking, LSTM, GRU, SimpleRNN, Bidirectional,"
          + " TimeDistributed(Dense), GlobalMaxPooling1D, GlobalAveragePooling1D, Conv1D,"
          + " MaxPooling1D, AveragePooling1D, Flatten, Dense, Dropout and SpatialDropout1D";

  /** Config keys that only matter when the layer is created or trained from scratch. */
  private static final String[] INITIALIZERS = {
    "kernel_initializer", "recurrent_initializer", "bias_initializer", "embeddings_initializer",
    "seed", "unit_forget_bias"
  };

  private KerasConfigMapper() {}

  /**
   * @param modelConfig the model object, {@code {"class_name": ..., "config": ...}}
   * @param fallbackInputShape a batch input shape stored outside the layer list (tf.keras's
   *     {@code build_input_shape}, Keras 3's {@code build_config}), or null
   */
  static KerasModelPlan map(JsonNode modelConfig, JsonNode fallbackInputShape, ImportOptions options) {
    String className = modelConfig.path("class_name").asText("");
    if (!className.equals("Sequential")) {
      throw new UnsupportedKerasFeatureException(modelConfig.path("config").path("name").asText("model"),
          className, "The model is a Keras '" + className + "', but RNNKit imports Sequential"
              + " models only: rebuild it as keras.Sequential([...]) with the same layers");
    }
    JsonNode config = modelConfig.path("config");
    // Keras 2.0-2.2 stored a Sequential's config as the bare list of layers.
    JsonNode layerList = config.isArray() ? config : config.path("layers");
    String modelName = config.isObject() ? config.path("name").asText("sequential") : "sequential";
    if (!layerList.isArray() || layerList.isEmpty()) {
      throw new KerasImportException(
          "The Sequential config of '" + modelName + "' lists no layers: the config is damaged");
    }
    if (fallbackInputShape == null && config.isObject() && config.has("build_input_shape")) {
      fallbackInputShape = config.get("build_input_shape");
    }
    return new Mapping(modelName, options).run(layerList, fallbackInputShape);
  }

  /** The state of one mapping: the layers so far and the notes. */
  private static final class Mapping {
    private final String modelName;
    private final ImportOptions options;
    private final List<Layer> layers = new ArrayList<>();
    private final List<KerasModelPlan.KerasLayer> kerasLayers = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private JsonNode batchShape;
    private String inputName;
    private String inputDtype;
    private Integer embeddingInputLength;

    Mapping(String modelName, ImportOptions options) {
      this.modelName = modelName;
      this.options = options;
    }

    KerasModelPlan run(JsonNode layerList, JsonNode fallbackInputShape) {
      for (int i = 0; i < layerList.size(); i++) {
        JsonNode entry = layerList.get(i);
        String cls = entry.path("class_name").asText("");
        JsonNode cfg = entry.path("config");
        String name = cfg.path("name").asText(entry.path("name").asText(""));
        if (cls.isEmpty() || !cfg.isObject() || name.isEmpty()) {
          throw new KerasImportException("Layer " + i + " of model '" + modelName
              + "' has no class_name, config or name: the config is damaged");
        }
        LayerConfig layer = new LayerConfig(name, cls, cfg);
        if (cls.equals("InputLayer")) {
          if (i != 0) {
            throw layer.unsupported("InputLayer", "an InputLayer inside the stack is not supported");
          }
          mapInput(layer);
          continue;
        }
        captureInputShapeOf(layer);
        layer.ignore("batch_input_shape", "batch_shape", "input_shape");
        mapLayer(layer);
        layer.refuseUnreadKeys();
      }
      InputSpec input = inputSpec(fallbackInputShape);
      Sequential architecture;
      try {
        architecture = new Sequential(input, layers);
      } catch (IllegalArgumentException e) {
        throw new KerasImportException(
            "The layers of '" + modelName + "' do not fit together in RNNKit: " + e.getMessage(), e);
      }
      return new KerasModelPlan(modelName, architecture, kerasLayers, notes);
    }

    private void mapInput(LayerConfig layer) {
      batchShape = layer.has("batch_shape") ? layer.get("batch_shape") : layer.get("batch_input_shape");
      JsonNode dtype = layer.get("dtype");
      inputDtype = dtype == null ? "float32" : LayerConfig.dtypeName(dtype);
      inputName = layer.layerName();
      layer.require("sparse", false, "sparse inputs are not supported");
      layer.require("ragged", false, "ragged inputs are not supported");
      layer.require("optional", false, "optional inputs are not supported");
      layer.ignore("name");
      layer.refuseUnreadKeys();
    }

    /** A Sequential without an InputLayer keeps the input shape in its first layer's config. */
    private void captureInputShapeOf(LayerConfig layer) {
      if (batchShape != null || !layers.isEmpty()) {
        return;
      }
      if (layer.has("batch_input_shape")) {
        batchShape = layer.get("batch_input_shape");
      } else if (layer.has("batch_shape")) {
        batchShape = layer.get("batch_shape");
      }
      if (batchShape != null && layer.has("dtype")) {
        inputDtype = LayerConfig.dtypeName(layer.get("dtype"));
      }
    }

    private void mapLayer(LayerConfig layer) {
      switch (layer.className()) {
        case "Embedding" -> add(layer, embedding(layer), false);
        case "LSTM" -> add(layer, lstm(layer), true);
        case "GRU" -> add(layer, gru(layer), true);
        case "Dense" -> add(layer, dense(layer), false);
        case "Dropout", "SpatialDropout1D" -> add(layer, dropout(layer), false);
        case "Masking" -> add(layer, masking(layer), false);
        case "SimpleRNN" -> add(layer, simpleRnn(layer), true);
        case "GlobalMaxPooling1D" -> add(layer, globalPooling(layer), false);
        case "GlobalAveragePooling1D" -> add(layer, globalPooling(layer), false);
        case "Bidirectional" -> add(layer, bidirectional(layer), true);
        case "TimeDistributed" -> add(layer, timeDistributed(layer), false);
        case "Conv1D" -> add(layer, conv1d(layer), false);
        case "MaxPooling1D", "AveragePooling1D" -> add(layer, pooling(layer), false);
        case "Flatten" -> add(layer, flatten(layer), false);
        default -> throw new UnsupportedKerasFeatureException(layer.layerName(), layer.className(),
            "Layer '" + layer.layerName() + "' is a " + layer.className()
                + ", which RNNKit does not support; supported layers: " + SUPPORTED);
      }
    }

    private void add(LayerConfig config, Layer layer, boolean weightsInCell) {
      kerasLayers.add(new KerasModelPlan.KerasLayer(
          config.layerName(), config.className(), layers.size(), weightsInCell));
      layers.add(layer);
    }

    private void common(LayerConfig layer) {
      layer.ignore("name", "trainable");
      if (!layer.bool("trainable", true)) {
        throw layer.unsupported("trainable",
            "trainable=false (a frozen layer): RNNKit's fit updates every weight; unfreeze the"
                + " layer in Keras and re-save the model");
      }
      layer.requireFloat32Policy();
      layer.ignore(INITIALIZERS);
      layer.requireNull("activity_regularizer", "regularizers are not supported");
    }

    private Layer embedding(LayerConfig layer) {
      common(layer);
      layer.requireNull("embeddings_regularizer", "regularizers are not supported");
      layer.requireNull("embeddings_constraint", "constraints are not supported");
      layer.requireNull("lora_rank", "LoRA layers are not supported");
      layer.requireNull("quantization_config", "quantized layers are not supported");
      layer.require("sparse", false, "sparse gradients are not supported");
      JsonNode inputLength = layer.get("input_length");
      if (inputLength != null && inputLength.canConvertToInt() && layers.isEmpty()) {
        embeddingInputLength = inputLength.asInt();
      }
      return new Embedding(layer.layerName(), layer.requiredInt("input_dim"),
          layer.requiredInt("output_dim"), layer.bool("mask_zero", false));
    }

    private Layer lstm(LayerConfig layer) {
      int units = recurrentCommon(layer);
      // An initializer setting, but also what RNNKit's own fit starts from.
      RecurrentOptions options =
          cellOptions(layer).withUnitForgetBias(layer.bool("unit_forget_bias", true));
      return new LSTM(layer.layerName(), units, layer.bool("return_sequences", false), true,
          options);
    }

    private Layer gru(LayerConfig layer) {
      int units = recurrentCommon(layer);
      if (!layer.has("reset_after")) {
        throw layer.unsupported("reset_after", "the config does not record reset_after, whose"
            + " default changed between Keras versions; re-save the model with a recent Keras");
      }
      return new GRU(layer.layerName(), units, layer.bool("return_sequences", false),
          layer.bool("reset_after", true), cellOptions(layer));
    }

    private Layer simpleRnn(LayerConfig layer) {
      int units = recurrentCommon(layer);
      // A SimpleRNN has no gates, so no recurrent_activation: the options' default is unused.
      return new SimpleRNN(layer.layerName(), units, layer.bool("return_sequences", false),
          cellOptions(layer, RecurrentOptions.DEFAULTS.recurrentActivation()));
    }

    /**
     * Keras's {@code Bidirectional(layer, merge_mode)}: {@code layer} is the forward layer
     * ({@code forward_gru}); {@code backward_layer}, when recorded, must be its mirror (Keras's
     * own copy with go_backwards=True), since RNNKit builds the backward half from the forward.
     */
    private Layer bidirectional(LayerConfig layer) {
      common(layer);
      JsonNode mode = layer.get("merge_mode");
      if (mode == null || !mode.isTextual()) {
        throw layer.unsupported("merge_mode", "merge_mode=" + mode + ": RNNKit merges the two"
            + " directions into one output (concat, sum, mul or ave), it does not return them"
            + " as a list; choose one of those in Keras and re-save the model");
      }
      RecurrentLayer forward = wrapped(layer, "layer");
      JsonNode backwardConfig = layer.get("backward_layer");
      if (backwardConfig != null) {
        requireMirror(layer, forward, wrapped(layer, "backward_layer"));
      }
      try {
        return new Bidirectional(layer.layerName(),
            (RecurrentLayer) forward.withName(Bidirectional.wrappedName(forward.name())),
            Bidirectional.MergeMode.fromKerasName(mode.textValue()));
      } catch (IllegalArgumentException e) {
        throw layer.unsupported("layer", e.getMessage());
      }
    }

    /** The recurrent layer in Bidirectional's {@code key}: {@code {"class_name", "config"}}. */
    private RecurrentLayer wrapped(LayerConfig bidirectional, String key) {
      LayerConfig inner = nested(bidirectional, key);
      Layer mapped = switch (inner.className()) {
        case "LSTM" -> lstm(inner);
        case "GRU" -> gru(inner);
        case "SimpleRNN" -> simpleRnn(inner);
        default -> throw bidirectional.unsupported(key, "it wraps a " + inner.className()
            + "; RNNKit's Bidirectional wraps LSTM, GRU and SimpleRNN");
      };
      inner.refuseUnreadKeys();
      return (RecurrentLayer) mapped;
    }

    /** The layer object in a wrapper's {@code key}: {@code {"class_name", "config"}}. */
    private static LayerConfig nested(LayerConfig wrapper, String key) {
      JsonNode entry = wrapper.get(key);
      String cls = entry == null ? "" : entry.path("class_name").asText("");
      JsonNode cfg = entry == null ? null : entry.path("config");
      if (cls.isEmpty() || cfg == null || !cfg.isObject()) {
        throw new KerasImportException(wrapper.className() + " layer '" + wrapper.layerName()
            + "' has no class_name and config in its '" + key + "': the config is damaged");
      }
      return new LayerConfig(cfg.path("name").asText(wrapper.layerName() + "/" + key), cls, cfg);
    }

    /**
     * Keras's {@code TimeDistributed(layer)}: the layer applied at every time step. RNNKit
     * wraps a Dense only (which computes the same on a sequence); any other layer is refused.
     */
    private Layer timeDistributed(LayerConfig layer) {
      common(layer);
      LayerConfig inner = nested(layer, "layer");
      if (!inner.className().equals("Dense")) {
        throw layer.unsupported("layer", "TimeDistributed layer '" + layer.layerName()
            + "' wraps a " + inner.className() + "; RNNKit's TimeDistributed wraps Dense only");
      }
      Dense dense = (Dense) dense(inner);
      inner.refuseUnreadKeys();
      return new TimeDistributed(layer.layerName(), dense);
    }

    /** The backward layer must compute what the forward one does, reading backwards. */
    private static void requireMirror(LayerConfig layer, RecurrentLayer forward,
        RecurrentLayer backward) {
      Map<String, Object> expected = new HashMap<>(forward.kerasConfig());
      Map<String, Object> actual = new HashMap<>(backward.kerasConfig());
      boolean mirrored = !forward.options().goBackwards() && backward.options().goBackwards()
          && forward.kerasClassName().equals(backward.kerasClassName());
      for (Map<String, Object> config : List.of(expected, actual)) {
        config.remove("name");
        config.remove("go_backwards");
      }
      if (!mirrored || !expected.equals(actual)) {
        throw layer.unsupported("backward_layer", "its backward_layer '" + backward.name()
            + "' is not the forward layer '" + forward.name() + "' with go_backwards=True"
            + " (forward " + forward.kerasClassName() + " " + forward.kerasConfig() + ", backward "
            + backward.kerasClassName() + " " + backward.kerasConfig() + "); RNNKit builds the"
            + " backward half as that mirror: wrap the layer without backward_layer in Keras");
      }
    }

    /** go_backwards, use_bias and the two activations, as Keras computes them. */
    private RecurrentOptions cellOptions(LayerConfig layer) {
      return cellOptions(layer, activation(layer, "recurrent_activation"));
    }

    /**
     * go_backwards, use_bias and activation from the config, with this recurrent activation;
     * dropout, recurrent_dropout and seed, which act at training only.
     */
    private RecurrentOptions cellOptions(LayerConfig layer, Activation recurrent) {
      Activation activation = activation(layer, "activation");
      RecurrentOptions options;
      try {
        options = new RecurrentOptions(layer.bool("go_backwards", false),
            layer.bool("use_bias", true), activation, recurrent, true);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported(activation.elementwise() ? "recurrent_activation" : "activation",
            e.getMessage());
      }
      float dropout = recurrentRate(layer, "dropout");
      float recurrentDropout = recurrentRate(layer, "recurrent_dropout");
      return options.withDropout(dropout).withRecurrentDropout(recurrentDropout)
          .withSeed(seed(layer));
    }

    /**
     * A recurrent layer's dropout rate as Keras reads it: clamped to [0, 1]
     * ({@code min(1.0, max(0.0, dropout))} in lstm.py, gru.py, simple_rnn.py), and a rate of 1
     * drops nothing there (its cells draw masks only for {@code 0 < rate < 1}), so it is 0 here.
     */
    private static float recurrentRate(LayerConfig layer, String key) {
      double rate = Math.min(1.0, Math.max(0.0, layer.number(key, 0)));
      return rate >= 1.0 ? 0f : (float) rate;
    }

    /** A dropout rate of the config (0 when absent), in [0, 1). */
    private static float rate(LayerConfig layer, String key) {
      float rate = (float) layer.number(key, 0);
      try {
        return Noise.checkedRate(rate, layer.className() + " '" + layer.layerName() + "' " + key);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported(key, e.getMessage());
      }
    }

    /** Keras's {@code seed} of a layer's dropout: an int, or null. */
    private static Integer seed(LayerConfig layer) {
      JsonNode seed = layer.get("seed");
      if (seed == null || seed.isNull()) {
        return null;
      }
      if (!seed.canConvertToInt()) {
        throw layer.unsupported("seed", "seed=" + seed + ": RNNKit takes an integer seed (or"
            + " null); re-save the layer with an int seed");
      }
      return seed.asInt();
    }

    /** Checks what LSTM and GRU share and returns the units. */
    private int recurrentCommon(LayerConfig layer) {
      common(layer);
      layer.require("return_state", false, "returning the states is not supported");
      layer.require("stateful", false, "stateful layers are not supported");
      layer.require("time_major", false, "time-major inputs are not supported");
      for (String key : List.of("kernel_regularizer", "recurrent_regularizer", "bias_regularizer")) {
        layer.requireNull(key, "regularizers are not supported");
      }
      for (String key : List.of("kernel_constraint", "recurrent_constraint", "bias_constraint")) {
        layer.requireNull(key, "constraints are not supported");
      }
      // How Keras runs the same math (unrolled or not, fused CuDNN kernel or not, the kernel
      // split into 1 or 2 matmuls). zero_output_for_mask is Bidirectional's to set.
      layer.ignore("unroll", "implementation", "use_cudnn", "zero_output_for_mask");
      return layer.requiredInt("units");
    }

    private Layer dense(LayerConfig layer) {
      common(layer);
      requireBias(layer);
      layer.requireNull("kernel_regularizer", "regularizers are not supported");
      layer.requireNull("bias_regularizer", "regularizers are not supported");
      layer.requireNull("kernel_constraint", "constraints are not supported");
      layer.requireNull("bias_constraint", "constraints are not supported");
      layer.requireNull("lora_rank", "LoRA layers are not supported");
      layer.ignore("lora_alpha");
      layer.requireNull("quantization_config", "quantized layers are not supported");
      return new Dense(layer.layerName(), layer.requiredInt("units"), activation(layer, "activation"));
    }

    private Layer masking(LayerConfig layer) {
      layer.ignore("name", "trainable", "dtype");
      return new Masking(layer.layerName(), (float) layer.number("mask_value", 0));
    }

    /**
     * Keras's global poolings of sequences [batch, time, features] (data_format channels_last,
     * Keras's default) into [batch, features] (keepdims=False).
     */
    private Layer globalPooling(LayerConfig layer) {
      layer.ignore("name", "trainable");
      layer.requireFloat32Policy();
      JsonNode format = layer.get("data_format");
      if (format != null && !format.asText().equals("channels_last")) {
        throw layer.unsupported("data_format", "data_format=" + format + ": RNNKit pools"
            + " sequences [batch, time, features] (channels_last) only; transpose the input in"
            + " Keras, or use data_format='channels_last', and re-save the model");
      }
      layer.require("keepdims", false, "RNNKit's global pooling drops the time axis"
          + " (keepdims=False) only; follow it with a Reshape in Keras if the axis is needed");
      return layer.className().equals("GlobalMaxPooling1D")
          ? new GlobalMaxPooling1D(layer.layerName())
          : new GlobalAveragePooling1D(layer.layerName());
    }

    /**
     * Keras's Dropout and SpatialDropout1D: the identity at inference, dropping units at
     * training in RNNKit's fit as in Keras's.
     */
    private Layer dropout(LayerConfig layer) {
      layer.ignore("name", "trainable", "dtype");
      float rate = rate(layer, "rate");
      Integer seed = seed(layer);
      if (layer.className().equals("SpatialDropout1D")) {
        return new SpatialDropout1D(layer.layerName(), rate, seed);
      }
      JsonNode shape = layer.get("noise_shape");
      List<Integer> noiseShape = null;
      if (shape != null && !shape.isNull()) {
        if (!shape.isArray()) {
          throw layer.unsupported("noise_shape", "noise_shape=" + shape + " is not a list of"
              + " ints and nulls; re-save the layer with noise_shape as a tuple");
        }
        noiseShape = new ArrayList<>();
        for (JsonNode d : shape) {
          noiseShape.add(d.isNull() ? null : d.asInt());
        }
      }
      try {
        return new Dropout(layer.layerName(), rate, noiseShape, seed);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported("noise_shape", e.getMessage());
      }
    }

    /**
     * Keras's {@code Conv1D} on sequences [batch, time, channels]: every option that changes
     * what it computes is read; grouped convolutions and channels_first are refused.
     */
    private Layer conv1d(LayerConfig layer) {
      common(layer);
      requireChannelsLast(layer, "convolves");
      JsonNode groups = layer.get("groups");
      if (groups != null && !(groups.canConvertToInt() && groups.asInt() == 1)) {
        throw layer.unsupported("groups", "groups=" + groups + " (a grouped convolution):"
            + " RNNKit's Conv1D convolves all channels together (groups=1); use groups=1 in"
            + " Keras and re-save the model");
      }
      for (String key : List.of("kernel_regularizer", "bias_regularizer")) {
        layer.requireNull(key, "regularizers are not supported");
      }
      for (String key : List.of("kernel_constraint", "bias_constraint")) {
        layer.requireNull(key, "constraints are not supported");
      }
      layer.requireNull("lora_rank", "LoRA layers are not supported");
      layer.ignore("lora_alpha");
      Map<String, Integer> sizes = new LinkedHashMap<>();
      sizes.put("filters", layer.requiredInt("filters"));
      sizes.put("kernel_size", window(layer, "kernel_size", null));
      sizes.put("strides", window(layer, "strides", 1));
      sizes.put("dilation_rate", window(layer, "dilation_rate", 1));
      Padding padding = padding(layer, true);
      Activation activation = activation(layer, "activation");
      try {
        return new Conv1D(layer.layerName(), sizes.get("filters"), sizes.get("kernel_size"),
            sizes.get("strides"), padding, sizes.get("dilation_rate"), activation,
            layer.bool("use_bias", true));
      } catch (IllegalArgumentException e) {
        // A size below 1, or strides > 1 with dilation_rate > 1 (refused as Keras does).
        String option = sizes.entrySet().stream().filter(size -> size.getValue() < 1)
            .map(Map.Entry::getKey).findFirst().orElse("dilation_rate");
        throw layer.unsupported(option, e.getMessage());
      }
    }

    /** Keras's {@code MaxPooling1D} and {@code AveragePooling1D}; strides None = pool_size. */
    private Layer pooling(LayerConfig layer) {
      layer.ignore("name", "trainable");
      layer.requireFloat32Policy();
      requireChannelsLast(layer, "pools");
      int poolSize = window(layer, "pool_size", null);
      int strides = window(layer, "strides", poolSize);
      Padding padding = padding(layer, false);
      try {
        return layer.className().equals("MaxPooling1D")
            ? new MaxPooling1D(layer.layerName(), poolSize, strides, padding)
            : new AveragePooling1D(layer.layerName(), poolSize, strides, padding);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported("pool_size", e.getMessage());
      }
    }

    private Layer flatten(LayerConfig layer) {
      layer.ignore("name", "trainable");
      layer.requireFloat32Policy();
      requireChannelsLast(layer, "flattens");
      return new Flatten(layer.layerName());
    }

    private static void requireChannelsLast(LayerConfig layer, String verb) {
      JsonNode format = layer.get("data_format");
      if (format != null && !format.asText().equals("channels_last")) {
        throw layer.unsupported("data_format", "data_format=" + format + ": RNNKit " + verb
            + " sequences [batch, time, channels] (channels_last) only; use"
            + " data_format='channels_last' in Keras and re-save the model");
      }
    }

    private static Padding padding(LayerConfig layer, boolean convolution) {
      JsonNode padding = layer.get("padding");
      try {
        return Padding.fromKerasName(padding == null ? "valid" : padding.asText(),
            layer.className() + " '" + layer.layerName() + "'", convolution);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported("padding", e.getMessage());
      }
    }

    /**
     * A 1D window argument ({@code kernel_size}, {@code strides}, {@code pool_size},
     * {@code dilation_rate}): Keras writes a list of one integer, {@code [3]}; a bare integer is
     * read too. {@code fallback} when absent or null; null makes it required.
     */
    private static int window(LayerConfig layer, String key, Integer fallback) {
      JsonNode value = layer.get(key);
      if (value == null && fallback != null) {
        return fallback;
      }
      JsonNode single = value != null && value.isArray() && value.size() == 1 ? value.get(0) : value;
      if (single == null || !single.canConvertToInt() || !single.isIntegralNumber()) {
        throw layer.unsupported(key, key + "=" + value + ": RNNKit's " + layer.className()
            + " takes one integer (a 1D window), e.g. [3]");
      }
      return single.asInt();
    }

    private static Activation activation(LayerConfig layer, String key) {
      String name = layer.activation(key);
      try {
        return Activation.fromKerasName(name);
      } catch (IllegalArgumentException e) {
        throw layer.unsupported(key, key + " '" + name + "' is not supported; supported: "
            + Activation.supportedNames());
      }
    }

    private static void requireBias(LayerConfig layer) {
      if (!layer.bool("use_bias", true)) {
        throw layer.unsupported("use_bias", "use_bias=false: RNNKit's layers always have a bias");
      }
    }

    private InputSpec inputSpec(JsonNode fallbackInputShape) {
      JsonNode shape = batchShape != null ? batchShape : fallbackInputShape;
      List<Long> dims = shapeOf(shape);
      boolean tokens = !layers.isEmpty() && layers.get(0) instanceof Embedding;
      if (dims == null) {
        if (tokens && embeddingInputLength != null) {
          dims = java.util.Arrays.asList(null, (long) embeddingInputLength);
        } else {
          throw new KerasImportException("Model '" + modelName + "' records no input shape"
              + " (no InputLayer, batch_input_shape or build_input_shape): re-save it after"
              + " building it, e.g. with keras.Input(shape=...) as its first layer");
        }
      }
      int rank = dims.size();
      if (tokens ? rank != 2 : rank != 3) {
        throw new UnsupportedKerasFeatureException(inputName == null ? modelName : inputName,
            "batch_shape", "The input of '" + modelName + "' has shape " + dims + ", but RNNKit"
                + " takes token ids [batch, time] into an Embedding, or float sequences"
                + " [batch, time, features] into the other layers");
      }
      int timeSteps = timeSteps(dims.get(1));
      String name = inputName;
      if (tokens) {
        if (inputDtype != null && !Set.of("int32", "int64", "float32").contains(inputDtype)) {
          throw new UnsupportedKerasFeatureException(name, "dtype",
              "Input '" + name + "' has dtype " + inputDtype + "; token ids must be int32");
        }
        if (inputDtype != null && !inputDtype.startsWith("int")) {
          notes.add("Input '" + name + "' is " + inputDtype + " in Keras (Embedding casts it);"
              + " RNNKit takes the token ids as int32");
        }
        return new InputSpec(name, timeSteps, 0);
      }
      if (inputDtype != null && !inputDtype.equals("float32")) {
        throw new UnsupportedKerasFeatureException(name, "dtype",
            "Input '" + name + "' has dtype " + inputDtype + "; RNNKit takes float32 sequences");
      }
      Long features = dims.get(2);
      if (features == null) {
        throw new UnsupportedKerasFeatureException(name, "batch_shape",
            "Input '" + name + "' leaves the feature axis open; RNNKit needs it fixed");
      }
      return new InputSpec(name, timeSteps, Math.toIntExact(features));
    }

    private int timeSteps(Long fromFile) {
      if (fromFile != null) {
        return Math.toIntExact(fromFile);
      }
      // Keras's None: an open length, unless the user fixes one.
      return options.timeSteps().orElse(InputSpec.OPEN_LENGTH);
    }
  }

  /**
   * A shape as written in a config: a list with nulls, or tf.keras's {@code {"class_name":
   * "__tuple__" | "TensorShape", "items": [...]}}. Null when absent.
   */
  static List<Long> shapeOf(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject() && node.has("items")) {
      node = node.get("items");
    }
    if (!node.isArray()) {
      throw new KerasImportException("A shape in the config is " + node + ", expected a list");
    }
    List<Long> dims = new ArrayList<>();
    for (JsonNode d : node) {
      dims.add(d.isNull() ? null : d.asLong());
    }
    return dims;
  }
}
