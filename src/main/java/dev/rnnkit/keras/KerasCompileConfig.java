package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Adam;
import java.util.List;

/**
 * How a model was compiled, as Keras writes it: {@code compile_config} in a {@code .keras}
 * file's config.json, {@code training_config} in a legacy {@code .h5} file's root attributes.
 * With it Keras's {@code load_model} returns a compiled model, so {@code fit} continues training
 * in Python with the same optimizer settings, loss and metrics.
 *
 * <p>The optimizer config holds only the keys every Keras 3 release and tf.keras 2 accept for
 * Adam (name, learning_rate, beta_1, beta_2, epsilon, amsgrad): Keras 3.0's optimizers refuse
 * keys they do not know, and the rest are Keras's defaults. Optimizer state (Adam's moments) is
 * not written: Keras starts it afresh.
 *
 * @param loss Keras's loss name, e.g. {@code binary_crossentropy}
 * @param metrics Keras's metric names, e.g. {@code accuracy}
 */
record KerasCompileConfig(String loss, Adam adam, List<String> metrics) {

  KerasCompileConfig {
    metrics = List.copyOf(metrics);
  }

  /** The model's loss and optimizer, with accuracy for a classifier as RNNKit reports it. */
  static KerasCompileConfig of(Model model) {
    return new KerasCompileConfig(model.loss().kerasName(), model.optimizer(),
        model.loss().isBinaryClassification() || model.loss().isSparseCategorical()
            ? List.of("accuracy") : List.of());
  }

  /** {@code compile_config} of a Keras 3 config.json. */
  ObjectNode kerasV3() {
    ObjectNode optimizer = Json.object();
    optimizer.put("module", "keras.optimizers");
    optimizer.put("class_name", "Adam");
    optimizer.set("config", adamConfig());
    optimizer.putNull("registered_name");
    ObjectNode config = common();
    config.set("optimizer", optimizer);
    config.put("run_eagerly", false);
    config.put("steps_per_execution", 1);
    config.put("jit_compile", "auto");
    return config;
  }

  /** {@code training_config} of a legacy .h5 file, as tf.keras 2 and Keras 3 write it. */
  ObjectNode legacy() {
    ObjectNode optimizer = Json.object();
    optimizer.put("class_name", "Adam");
    optimizer.set("config", adamConfig());
    ObjectNode config = common();
    config.set("optimizer_config", optimizer);
    return config;
  }

  private ObjectNode common() {
    ObjectNode config = Json.object();
    config.put("loss", loss);
    config.putNull("loss_weights");
    if (metrics.isEmpty()) {
      config.putNull("metrics");
    } else {
      ArrayNode names = config.putArray("metrics");
      metrics.forEach(names::add);
    }
    config.putNull("weighted_metrics");
    return config;
  }

  /** Floats written as the float32 values they are (0.001f, not 0.0010000000474974513). */
  private ObjectNode adamConfig() {
    ObjectNode config = Json.object();
    config.put("name", "adam");
    config.put("learning_rate", Double.parseDouble(Float.toString(adam.learningRate())));
    config.put("beta_1", Double.parseDouble(Float.toString(adam.beta1())));
    config.put("beta_2", Double.parseDouble(Float.toString(adam.beta2())));
    config.put("epsilon", Double.parseDouble(Float.toString(adam.epsilon())));
    config.put("amsgrad", false);
    return config;
  }
}
