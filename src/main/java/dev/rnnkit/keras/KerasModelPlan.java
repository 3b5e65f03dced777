package dev.rnnkit.keras;

import dev.rnnkit.model.Sequential;
import java.util.List;

/**
 * A Keras Sequential config mapped to RNNKit: the architecture plus, for every Keras layer in the
 * config's order (InputLayer excluded), what became of it. Weight readers use it to find each
 * layer's weights in a file.
 *
 * @param modelName the Keras model's name
 * @param architecture the RNNKit architecture; its layers keep their Keras names
 * @param layers every non-input Keras layer, including those imported as identity
 * @param notes what was accepted although Keras computes it differently in training
 */
record KerasModelPlan(
    String modelName, Sequential architecture, List<KerasLayer> layers, List<String> notes) {

  KerasModelPlan {
    layers = List.copyOf(layers);
    notes = List.copyOf(notes);
  }

  /**
   * One Keras layer of the model.
   *
   * @param name its Keras name
   * @param className its Keras class, e.g. {@code LSTM}
   * @param architectureIndex its index in {@link #architecture()}, or -1 when it is not part of
   *     the architecture and holds no weights
   * @param weightsInCell whether Keras keeps its weights in a {@code cell} sub-object (LSTM, GRU)
   */
  record KerasLayer(String name, String className, int architectureIndex, boolean weightsInCell) {

    boolean hasWeights() {
      return architectureIndex >= 0;
    }
  }

  /** The RNNKit weight specs of a layer, in Keras's variable order. */
  List<Sequential.NamedWeightSpec> weightSpecsOf(KerasLayer layer) {
    String prefix = layer.name() + "/";
    return architecture.weightSpecs().stream().filter(s -> s.name().startsWith(prefix)).toList();
  }
}
