package dev.rnnkit.model;

import dev.rnnkit.layers.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer's slice of a model's weight list, as Keras's {@code layer.get_weights()} and {@code
 * layer.set_weights(...)} see it: the layer's weights in Keras's order ({@code kernel}, {@code
 * recurrent_kernel}, {@code bias}; {@code embeddings}), with Keras's shapes.
 */
final class LayerWeightLists {

  private LayerWeightLists() {}

  /** The weights of layer {@code layer}, in Keras's order, out of all of the model's. */
  static List<Weight> of(Sequential architecture, String layer, List<Weight> all) {
    requireLayer(architecture, layer);
    return all.stream().filter(w -> w.layerName().equals(layer)).toList();
  }

  /**
   * All of the model's weights with layer {@code layer}'s replaced by {@code given}: as many as
   * the layer has, in its order, each of its shape. A given weight is named either by its short
   * Keras name ({@code kernel}) or its full name ({@code lstm/kernel}).
   */
  static List<Weight> replace(Sequential architecture, String layer, List<Weight> all,
      List<Weight> given) {
    requireLayer(architecture, layer);
    List<Sequential.NamedWeightSpec> specs = architecture.weightSpecs().stream()
        .filter(s -> s.name().startsWith(layer + "/")).toList();
    if (given.size() != specs.size()) {
      throw new IllegalArgumentException("Layer '" + layer + "' has " + specs.size()
          + " weights " + describe(specs) + ", was given " + given.size());
    }
    List<Weight> out = new ArrayList<>(all);
    for (int i = 0; i < specs.size(); i++) {
      Sequential.NamedWeightSpec spec = specs.get(i);
      Weight w = given.get(i);
      if (!w.shortName().equals(lastPart(spec.spec().name()))) {
        throw new IllegalArgumentException("Weight " + i + " of layer '" + layer + "' is '"
            + spec.spec().name() + "', was given '" + w.name() + "'; Keras's order is "
            + describe(specs));
      }
      WeightChecks.shape(spec.name(), spec.spec().shape(), w.shape());
      Weight renamed = new Weight(spec.name(), w.shape(), w.values());
      out.replaceAll(old -> old.name().equals(spec.name()) ? renamed : old);
    }
    return out;
  }

  /** {@code forward_gru/kernel -> kernel}: Keras names a wrapper's weights as its layers'. */
  private static String lastPart(String weightName) {
    return weightName.substring(weightName.lastIndexOf('/') + 1);
  }

  private static void requireLayer(Sequential architecture, String layer) {
    if (architecture.layers().stream().noneMatch(l -> l.name().equals(layer))) {
      throw new IllegalArgumentException("No layer named '" + layer + "'; the layers are "
          + architecture.layers().stream().map(Layer::name).toList());
    }
  }

  private static List<String> describe(List<Sequential.NamedWeightSpec> specs) {
    return specs.stream().map(s -> s.spec().toString()).toList();
  }
}
