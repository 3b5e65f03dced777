package dev.rnnkit.keras;

import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Keras 3 keeps a Sequential model's weights inside {@code model.weights.h5}. Keras walks
 * {@code model.layers} (InputLayer excluded) and names each layer's group after its class, not
 * its name: {@code layers/lstm}, {@code layers/dense}, {@code layers/dense_1}, ... A layer's own
 * variables are the datasets {@code vars/0}, {@code vars/1}, ... in creation order; an RNN layer's
 * belong to its cell: {@code layers/lstm/cell/vars/0..2}; a Bidirectional's to its two layers'
 * cells: {@code layers/bidirectional/forward_layer/cell/vars/0..2}, then backward_layer; a
 * TimeDistributed's to its layer: {@code layers/time_distributed/layer/vars/0..1}.
 */
final class KerasV3WeightLayout {

  /** Bidirectional's attributes holding its two layers. */
  static final String FORWARD_LAYER = "forward_layer";
  static final String BACKWARD_LAYER = "backward_layer";

  /** TimeDistributed's attribute holding its layer. */
  static final String WRAPPED_LAYER = "layer";

  private KerasV3WeightLayout() {}

  /**
   * The group of each layer's variables, for layers of these Keras class names in model order,
   * e.g. {@code [LSTM, Dense, Dense] -> [layers/lstm, layers/dense, layers/dense_1]}.
   */
  static List<String> layerPaths(List<String> classNames) {
    Map<String, Integer> used = new HashMap<>();
    List<String> paths = new ArrayList<>();
    for (String className : classNames) {
      String name = snakeCase(className);
      // Keras's _get_unique_name: the first of a kind keeps the bare name, then _1, _2, ...
      Integer count = used.get(name);
      used.put(name, count == null ? 0 : count + 1);
      paths.add("layers/" + (count == null ? name : name + "_" + (count + 1)));
    }
    return paths;
  }

  /** The group holding the datasets of one layer's variables. */
  static String varsPath(String layerPath, boolean weightsInCell) {
    return layerPath + (weightsInCell ? "/cell/vars" : "/vars");
  }

  /**
   * The attributes leading from a layer's object to one of its weights in Keras's object tree:
   * {@code [kernel]}, {@code [cell, kernel]} for an RNN, {@code [forward_layer, cell, kernel]}
   * for Bidirectional's {@code forward_gru/kernel} (and {@code backward_layer}), {@code [layer,
   * kernel]} for TimeDistributed's {@code dense/kernel}.
   */
  static List<String> objectPath(Layer layer, String weightName, boolean weightsInCell) {
    String own = weightName.substring(weightName.lastIndexOf('/') + 1);
    if (layer instanceof Bidirectional bidirectional) {
      boolean forward = weightName.startsWith(bidirectional.forwardName() + "/");
      return List.of(forward ? FORWARD_LAYER : BACKWARD_LAYER, "cell", own);
    }
    if (layer instanceof TimeDistributed) {
      return List.of(WRAPPED_LAYER, own);
    }
    return weightsInCell ? List.of("cell", own) : List.of(own);
  }

  /**
   * The {@code vars} groups of one layer's weights, each with the weights it holds as datasets
   * {@code 0, 1, ...} in order: {@code layers/gru/cell/vars} for all of a GRU's, and
   * {@code .../forward_layer/cell/vars} then {@code .../backward_layer/cell/vars} for
   * Bidirectional.
   */
  static Map<String, List<Sequential.NamedWeightSpec>> varsGroups(String layerPath, Layer layer,
      boolean weightsInCell, List<Sequential.NamedWeightSpec> specs) {
    Map<String, List<Sequential.NamedWeightSpec>> groups = new LinkedHashMap<>();
    for (Sequential.NamedWeightSpec spec : specs) {
      List<String> path = objectPath(layer, spec.spec().name(), weightsInCell);
      List<String> group = new ArrayList<>(List.of(layerPath));
      group.addAll(path.subList(0, path.size() - 1));
      group.add("vars");
      groups.computeIfAbsent(String.join("/", group), k -> new ArrayList<>()).add(spec);
    }
    return groups;
  }

  /** Keras's {@code naming.to_snake_case}: {@code InputLayer -> input_layer, LSTM -> lstm}. */
  static String snakeCase(String className) {
    String name = className.replaceAll("\\W+", "");
    name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
