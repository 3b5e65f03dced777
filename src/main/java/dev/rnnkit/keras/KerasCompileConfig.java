package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * How a model was compiled, as Keras writes it: {@code compile_config} in a {@code .keras}
 * file's config.json, {@code training_config} in a legacy {@code .h5} file's root attributes
 * (and in a tf.keras SavedModel's keras_metadata.pb). With it Keras's {@code load_model} returns
 * a compiled model, so {@code fit} continues training in Python with the same optimizer
 * settings, loss and metrics; RNNKit reads it back the same way ({@link KerasTrainingConfig}).
 *
 * <p>The optimizer config holds only keys every Keras 3 release accepts (Keras 3.0's optimizers
 * refuse keys they do not know): {@code name}, {@code learning_rate}, the optimizer's own keys,
 * and {@code weight_decay}, {@code clipnorm}, {@code global_clipnorm}, {@code clipvalue} when
 * set; the rest are Keras's defaults. The optimizer's state is saved beside it (see {@link
 * KerasOptimizerVariables}).
 *
 * @param loss the loss
 * @param optimizer the optimizer and its settings
 * @param metrics Keras's metric names, e.g. {@code accuracy}
 */
public record KerasCompileConfig(Loss loss, Optimizer optimizer, List<String> metrics) {

  public KerasCompileConfig {
    metrics = List.copyOf(metrics);
  }

  /**
   * The model's loss and optimizer, with accuracy for a classifier as RNNKit reports it. The
   * learning rate is the one in use now ({@link Model#learningRate()}, which ReduceLROnPlateau may
   * have lowered), as Keras's {@code get_config()} reads its learning_rate variable.
   */
  static KerasCompileConfig of(Model model) {
    boolean classifier = model.loss().isBinaryClassification() || model.loss().isSparseCategorical()
        || model.loss().kerasName().endsWith("crossentropy");
    Optimizer optimizer = model.learningRate() == model.optimizer().learningRate()
        ? model.optimizer() : model.optimizer().withLearningRate(model.learningRate());
    return new KerasCompileConfig(model.loss(), optimizer,
        classifier ? List.of("accuracy") : List.of());
  }

  /** {@code compile_config} of a Keras 3 config.json. */
  ObjectNode kerasV3() {
    ObjectNode optimizerNode = Json.object();
    optimizerNode.put("module", "keras.optimizers");
    optimizerNode.put("class_name", optimizer.kerasClassName());
    optimizerNode.set("config", optimizerConfig());
    optimizerNode.putNull("registered_name");
    ObjectNode config = common();
    config.set("optimizer", optimizerNode);
    config.put("run_eagerly", false);
    config.put("steps_per_execution", 1);
    config.put("jit_compile", "auto");
    return config;
  }

  /** {@code training_config} of a legacy .h5 file, as tf.keras 2 and Keras 3 write it. */
  ObjectNode legacy() {
    ObjectNode optimizerNode = Json.object();
    optimizerNode.put("class_name", optimizer.kerasClassName());
    optimizerNode.set("config", optimizerConfig());
    ObjectNode config = common();
    config.set("optimizer_config", optimizerNode);
    return config;
  }

  private ObjectNode common() {
    ObjectNode config = Json.object();
    config.set("loss", Json.tree(loss.kerasSerialized())); // a name, or with from_logits an object
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

  private JsonNode optimizerConfig() {
    Map<String, Object> config = optimizer.kerasConfig();
    return Json.tree(config);
  }
}
