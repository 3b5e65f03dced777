package dev.rnnkit.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Keras 3 keeps a Sequential model's weights inside {@code model.weights.h5}. Keras walks
 * {@code model.layers} (InputLayer excluded) and names each layer's group after its class, not
 * its name: {@code layers/lstm}, {@code layers/dense}, {@code layers/dense_1}, ... A layer's own
 * variables are the datasets {@code vars/0}, {@code vars/1}, ... in creation order; an RNN layer's
 * belong to its cell: {@code layers/lstm/cell/vars/0..2}.
 */
final class KerasV3WeightLayout {

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

  /** Keras's {@code naming.to_snake_case}: {@code InputLayer -> input_layer, LSTM -> lstm}. */
  static String snakeCase(String className) {
    String name = className.replaceAll("\\W+", "");
    name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
