package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rnnkit.io.Json;
import dev.rnnkit.keras.hdf5.H5Dataset;
import dev.rnnkit.keras.hdf5.H5Group;
import dev.rnnkit.keras.hdf5.Hdf5Writer;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a legacy Keras {@code .h5} model in tf.keras 2's layout: root attributes
 * {@code keras_version}, {@code backend}, {@code model_config} (JSON) and, for a compiled
 * model, {@code training_config} (JSON, see {@link KerasCompileConfig}); group
 * {@code model_weights} listing {@code layer_names}; per layer a group whose
 * {@code weight_names} attribute lists its datasets in Keras's order, stored at those paths
 * below it ({@code model_weights/lstm/lstm/lstm_cell/kernel:0}); saved from a {@code Model},
 * group {@code optimizer_weights} as Keras 3 writes it (see {@link KerasOptimizerVariables}).
 */
final class LegacyH5Writer {

  /**
   * The layout's Keras version. Keras's h5 loader reads it to decide whether to convert Keras 1
   * weights; a 2.x version means none.
   */
  static final String KERAS_VERSION = "2.15.0";

  private LegacyH5Writer() {}

  /**
   * @param compile how the model was compiled, or null to write an uncompiled model
   * @param optimizer the optimizer's variables, or null to write none
   */
  static void write(Sequential architecture, List<Weight> weights, String modelName,
      KerasCompileConfig compile, KerasOptimizerVariables optimizer, Path file) {
    String modelConfig =
        text(new KerasConfigWriter(KerasConfigWriter.Style.LEGACY).model(architecture, modelName));
    String version = Keras2HardSigmoid.legacyH5Version(architecture, KERAS_VERSION);
    H5Group.Builder modelWeights = H5Group.builder()
        .attribute("layer_names", architecture.layers().stream().map(Layer::name).toList())
        .attribute("backend", "tensorflow")
        .attribute("keras_version", version);
    for (Layer layer : architecture.layers()) {
      List<Weight> layerWeights =
          weights.stream().filter(w -> w.layerName().equals(layer.name())).toList();
      modelWeights.group(layer.name(), layerGroup(layer, layerWeights));
    }
    H5Group.Builder root = H5Group.builder()
        .attribute("keras_version", version)
        .attribute("backend", "tensorflow")
        .attribute("model_config", modelConfig)
        .group("model_weights", modelWeights.build());
    if (compile != null) {
      root.attribute("training_config", text(compile.legacy()));
    }
    if (optimizer != null) {
      root.group("optimizer_weights", optimizer.legacyGroup());
    }
    try {
      Hdf5Writer.write(root.build(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    try {
      return Json.writer().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A layer's group: its {@code weight_names} attribute, and the datasets below it at those
   * paths. tf.keras names a weight after its variable: {@code layer/[cell/]weight:0}, and a
   * Bidirectional's {@code bidirectional/forward_gru/gru_cell/kernel:0}.
   */
  private static H5Group layerGroup(Layer layer, List<Weight> weights) {
    List<String> names = new ArrayList<>();
    Map<String, Object> tree = new LinkedHashMap<>(); // group name -> subtree, or a dataset
    for (Weight w : weights) {
      List<String> path = new ArrayList<>(variablePath(layer, w));
      path.set(path.size() - 1, path.get(path.size() - 1) + ":0");
      names.add(String.join("/", path));
      put(tree, path, H5Dataset.float32(w.shape(), w.values()));
    }
    return group(tree).attribute("weight_names", names).build();
  }

  /** Puts {@code dataset} into {@code tree} at {@code path}, making the groups on the way. */
  static void put(Map<String, Object> tree, List<String> path, H5Dataset dataset) {
    Map<String, Object> group = tree;
    for (String part : path.subList(0, path.size() - 1)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> child =
          (Map<String, Object>) group.computeIfAbsent(part, k -> new LinkedHashMap<>());
      group = child;
    }
    group.put(path.get(path.size() - 1), dataset);
  }

  /**
   * {@code [lstm, lstm_cell, kernel]}; a wrapper's weight has its layer inside: a
   * Bidirectional's {@code [bidirectional, forward_gru, gru_cell, kernel]}, a TimeDistributed's
   * {@code [time_distributed, dense, kernel]}. tf.keras 2 names the dataset so with {@code :0}
   * appended; Keras 3 names the variable so below the model's name.
   */
  static List<String> variablePath(Layer layer, Weight w) {
    List<String> path = new ArrayList<>(List.of(layer.name()));
    if (layer instanceof Bidirectional bidirectional) {
      path.add(w.name().split("/")[1]); // bidirectional/forward_gru/kernel
      path.add(cellName(bidirectional.layer()));
    } else if (layer instanceof TimeDistributed distributed) {
      path.add(distributed.layer().name());
    } else if (layer instanceof RecurrentLayer) {
      path.add(cellName(layer));
    }
    path.add(w.shortName());
    return path;
  }

  private static String cellName(Layer recurrent) {
    return KerasV3WeightLayout.snakeCase(recurrent.kerasClassName()) + "_cell";
  }

  /** A group holding {@code tree} (group name to subtree, or a dataset). */
  static H5Group.Builder group(Map<String, Object> tree) {
    H5Group.Builder builder = H5Group.builder();
    tree.forEach((name, node) -> {
      if (node instanceof H5Dataset dataset) {
        builder.dataset(name, dataset);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> subtree = (Map<String, Object>) node;
        builder.group(name, group(subtree).build());
      }
    });
    return builder;
  }
}
