package dev.rnnkit.keras;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.optimizers.KerasOptimizerConfig;
import dev.rnnkit.optimizers.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads how a Keras model was compiled: Keras 3's {@code compile_config} ({@code .keras}), or
 * {@code training_config} ({@code .h5} of Keras 3 and tf.keras 2, tf.keras SavedModels'
 * keras_metadata.pb), into a {@link KerasCompileConfig}.
 *
 * <p>What RNNKit cannot train with is not refused, because the model itself imports fine: an
 * unsupported optimizer or loss leaves the model without compile config (fine-tuning then uses
 * Adam and the loss that fits the output, as for an uncompiled model) and an unsupported metric
 * is dropped, each with a note naming it and what is supported.
 */
final class KerasTrainingConfig {

  /** Metric names RNNKit reports (as accuracy); the others are dropped with a note. */
  private static final Set<String> ACCURACY = Set.of("accuracy", "acc", "binary_accuracy",
      "sparse_categorical_accuracy", "categorical_accuracy", "BinaryAccuracy",
      "SparseCategoricalAccuracy", "CategoricalAccuracy");

  private KerasTrainingConfig() {}

  /**
   * The compile config in {@code config} (a compile_config or training_config object), or null
   * when there is none or it cannot be used; what was left out goes to {@code notes}.
   */
  static KerasCompileConfig read(JsonNode config, List<String> notes) {
    if (config == null || config.isNull() || config.isMissingNode()) {
      return null;
    }
    JsonNode optimizerNode = config.has("optimizer_config") ? config.get("optimizer_config")
        : config.path("optimizer");
    Optimizer optimizer;
    Loss loss;
    try {
      optimizer = optimizer(optimizerNode);
      loss = loss(config.path("loss"));
    } catch (IllegalArgumentException e) {
      notes.add("The model's compile config is not used: " + e.getMessage() + ". Fine-tuning"
          + " in RNNKit uses Adam and the loss that fits the output instead.");
      return null;
    }
    return new KerasCompileConfig(loss, optimizer, metrics(config.path("metrics"), notes));
  }

  private static Optimizer optimizer(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optimizer.fromKeras("RMSprop", Map.of()); // Keras's compile(optimizer="rmsprop")
    }
    if (node.isTextual()) {
      return Optimizer.fromKeras(node.asText(), Map.of());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("it names no optimizer");
    }
    String className = node.path("class_name").asText(null);
    return KerasOptimizerConfig.fromKeras(className, asMap(node.path("config")));
  }

  private static Map<String, Object> asMap(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    try {
      return Json.reader().forType(new TypeReference<Map<String, Object>>() { }).readValue(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a tree in memory: no I/O
    }
  }

  /** A loss name, a serialized loss ({@code class_name} + {@code config}), or one per output. */
  private static Loss loss(JsonNode node) {
    if (node.isTextual()) {
      return Loss.fromKerasName(node.asText());
    }
    if (node.isObject() && node.has("class_name")) {
      return Loss.fromKerasConfig(node.get("class_name").asText(), asMap(node.path("config")));
    }
    if (node.isArray() && node.size() == 1) {
      return loss(node.get(0));
    }
    if (node.isObject() && node.size() == 1) {
      return loss(node.elements().next()); // {output_name: loss} of a one-output model
    }
    throw new IllegalArgumentException("its loss " + node + " is not one Keras loss");
  }

  /** Metric names, flattened from Keras 3's list and tf.keras 2's nested, serialized forms. */
  private static List<String> metrics(JsonNode node, List<String> notes) {
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    collect(node, kept, dropped);
    if (!dropped.isEmpty()) {
      notes.add("Metrics " + dropped + " are not computed by RNNKit and were dropped; it reports"
          + " the loss, and accuracy for classifiers.");
    }
    return kept;
  }

  private static void collect(JsonNode node, List<String> kept, List<String> dropped) {
    if (node.isArray()) {
      node.forEach(n -> collect(n, kept, dropped));
    } else if (node.isTextual()) {
      (ACCURACY.contains(node.asText()) ? kept : dropped).add(
          ACCURACY.contains(node.asText()) ? "accuracy" : node.asText());
    } else if (node.isObject()) {
      String name = node.path("config").path("name").asText(node.path("class_name").asText("?"));
      String className = node.path("class_name").asText("");
      if (ACCURACY.contains(className) || ACCURACY.contains(name)) {
        kept.add("accuracy");
      } else {
        dropped.add(name);
      }
    }
  }
}
