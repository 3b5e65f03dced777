package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.GlobalPooling1D;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.Pooling1D;
import dev.rnnkit.layers.SpatialDropout1D;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * Writes an RNNKit architecture as the Keras model config that Keras's {@code from_config}
 * rebuilds: in Keras 3's form for {@code .keras} files, or in tf.keras 2's legacy form for
 * {@code .h5} files. Only keys that every Keras version of that form accepts are written, with
 * Keras's default initializers (they matter only if the model is re-initialised in Keras).
 */
final class KerasConfigWriter {

  /** Which Keras serialization to write. */
  enum Style {
    /** Keras 3: {@code module}, {@code registered_name}, {@code build_config}, batch_shape. */
    KERAS_V3,
    /** tf.keras 2 / legacy h5: {@code class_name} and {@code config} only, batch_input_shape. */
    LEGACY
  }

  private final Style style;

  KerasConfigWriter(Style style) {
    this.style = style;
  }

  /** The model object: {@code {"class_name": "Sequential", "config": {...}, ...}}. */
  ObjectNode model(Sequential architecture, String modelName) {
    ArrayNode layers = Json.array();
    layers.add(inputLayer(architecture.input()));
    for (int i = 0; i < architecture.layers().size(); i++) {
      layers.add(layer(architecture.layers().get(i), architecture.inputShapeOf(i)));
    }
    ObjectNode config = Json.object();
    config.put("name", modelName);
    if (style == Style.KERAS_V3) {
      config.put("trainable", true);
      config.put("dtype", "float32");
    }
    config.set("layers", layers);
    if (style == Style.KERAS_V3) {
      config.set("build_input_shape", shape(architecture.input().shape()));
    }
    return wrap("keras", "Sequential", config, architecture.input().shape());
  }

  private ObjectNode inputLayer(InputSpec input) {
    ObjectNode config = Json.object();
    config.set(style == Style.KERAS_V3 ? "batch_shape" : "batch_input_shape", shape(input.shape()));
    config.put("dtype", input.dtypeName());
    config.put("sparse", false);
    if (style == Style.LEGACY) {
      config.put("ragged", false);
    }
    config.put("name", input.name());
    return wrap("keras.layers", "InputLayer", config, null);
  }

  private ObjectNode layer(Layer layer, Shape inputShape) {
    ObjectNode config = Json.object();
    config.put("name", layer.name());
    config.put("trainable", true);
    config.put("dtype", "float32");
    for (Map.Entry<String, Object> entry : layer.kerasConfig().entrySet()) {
      if (!entry.getKey().equals("name")) {
        config.set(entry.getKey(), Json.tree(entry.getValue()));
      }
    }
    if (layer instanceof Dense || layer instanceof Conv1D) {
      config.set("kernel_initializer", initializer("GlorotUniform", seedOnly()));
      config.set("bias_initializer", initializer("Zeros", Json.object()));
      nulls(config, "kernel_regularizer", "bias_regularizer", "activity_regularizer",
          "kernel_constraint", "bias_constraint");
    } else if (layer instanceof Embedding) {
      ObjectNode uniform = Json.object();
      uniform.put("minval", -0.05);
      uniform.put("maxval", 0.05);
      uniform.putNull("seed");
      config.set("embeddings_initializer", initializer("RandomUniform", uniform));
      nulls(config, "embeddings_regularizer", "activity_regularizer", "embeddings_constraint");
    } else if (layer instanceof RecurrentLayer) {
      config.set("kernel_initializer", initializer("GlorotUniform", seedOnly()));
      ObjectNode orthogonal = Json.object();
      orthogonal.put("gain", 1.0);
      orthogonal.putNull("seed");
      // Keras 3 renamed the class to OrthogonalInitializer; its alias Orthogonal came only in
      // Keras 3.4, so a legacy file says "orthogonal", which tf.keras 2 and every Keras 3 read.
      config.set("recurrent_initializer", initializer(
          style == Style.KERAS_V3 ? "OrthogonalInitializer" : "orthogonal", orthogonal));
      config.set("bias_initializer", initializer("Zeros", Json.object()));
      nulls(config, "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
          "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");
    } else if (layer instanceof SpatialDropout1D) {
      // Keras's SpatialDropout1D takes rate, seed, name and dtype only: given trainable, its
      // from_config fails ("unexpected keyword argument 'trainable'").
      config.remove("trainable");
    } else if (layer instanceof Bidirectional bidirectional) {
      wrappedLayers(config, bidirectional, inputShape);
    } else if (layer instanceof TimeDistributed distributed) {
      // Keras builds the wrapped layer on one step: [batch, features].
      ObjectNode node = layer(distributed.layer(),
          Shape.of(inputShape.get(0), inputShape.get(inputShape.numDimensions() - 1)));
      config.set("layer", style == Style.LEGACY ? withModule(node) : node);
    } else if (!(layer instanceof Masking || layer instanceof GlobalPooling1D
        || layer instanceof Dropout || layer instanceof SpatialDropout1D
        || layer instanceof Pooling1D || layer instanceof Flatten)) {
      throw new IllegalArgumentException("No Keras config for layer type " + layer.getClass());
    }
    return wrap("keras.layers", layer.kerasClassName(), config, inputShape);
  }

  /**
   * Bidirectional's {@code layer} and {@code backward_layer} as Keras writes them: each a whole
   * layer object (module, class, config, build_config), forward_gru and its mirror
   * backward_gru, both with Bidirectional's {@code zero_output_for_mask}.
   */
  private void wrappedLayers(ObjectNode config, Bidirectional bidirectional, Shape inputShape) {
    for (boolean backwards : new boolean[] {false, true}) {
      Map<String, Object> half = bidirectional.halfConfig(backwards);
      ObjectNode node = layer(bidirectional.layer().withName((String) half.get("name")), inputShape);
      ObjectNode halfConfig = (ObjectNode) node.get("config");
      halfConfig.put("go_backwards", backwards);
      halfConfig.put("zero_output_for_mask", (Boolean) half.get("zero_output_for_mask"));
      config.set(backwards ? "backward_layer" : "layer",
          style == Style.LEGACY ? withModule(node) : node);
    }
  }

  /**
   * A nested layer object with Keras 3's {@code module}: Keras 3 reads a legacy file's
   * Bidirectional (or TimeDistributed) with its own deserializer, which finds a class only by module (Keras 3
   * writes it in .h5 files too); tf.keras 2 reads class_name and config and ignores the rest.
   */
  private static ObjectNode withModule(ObjectNode layer) {
    ObjectNode node = Json.object();
    node.put("module", "keras.layers");
    node.setAll(layer);
    node.putNull("registered_name");
    return node;
  }

  private ObjectNode wrap(String module, String className, ObjectNode config, Shape buildShape) {
    ObjectNode node = Json.object();
    if (style == Style.KERAS_V3) {
      node.put("module", module);
    }
    node.put("class_name", className);
    node.set("config", config);
    if (style == Style.KERAS_V3) {
      node.putNull("registered_name");
      if (buildShape != null) {
        ObjectNode build = Json.object();
        build.set("input_shape", shape(buildShape));
        node.set("build_config", build);
      }
    }
    return node;
  }

  private ObjectNode initializer(String className, ObjectNode config) {
    return wrap("keras.initializers", className, config, null);
  }

  private ObjectNode seedOnly() {
    ObjectNode config = Json.object();
    config.putNull("seed");
    return config;
  }

  private static void nulls(ObjectNode config, String... keys) {
    for (String key : keys) {
      config.putNull(key);
    }
  }

  /** A shape with the batch axis as null, as Keras writes it. */
  private JsonNode shape(Shape shape) {
    ArrayNode dims = Json.array();
    for (long d : shape.asArray()) {
      if (d < 0) {
        dims.addNull();
      } else {
        dims.add(d);
      }
    }
    return dims;
  }

  /** The list of layer class names Keras walks for the weights, InputLayer excluded. */
  static List<String> classNames(Sequential architecture) {
    return architecture.layers().stream().map(Layer::kerasClassName).toList();
  }
}
