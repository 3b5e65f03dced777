package dev.rnnkit.keras;

import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks weights against an architecture and puts them in its order (Keras's variable order). */
final class WeightOrder {

  private WeightOrder() {}

  static List<Weight> ofArchitecture(Sequential architecture, List<Weight> weights) {
    Map<String, Weight> byName = new HashMap<>();
    for (Weight w : weights) {
      if (byName.put(w.name(), w) != null) {
        throw new IllegalArgumentException("Two weights are named '" + w.name() + "'");
      }
    }
    List<Weight> ordered = new ArrayList<>();
    for (Sequential.NamedWeightSpec spec : architecture.weightSpecs()) {
      Weight w = byName.remove(spec.name());
      if (w == null) {
        throw new IllegalArgumentException("No value for weight '" + spec.name()
            + "'; the architecture's weights are "
            + architecture.weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList());
      }
      if (!Arrays.equals(w.shape(), spec.spec().shape())) {
        throw new IllegalArgumentException("Weight '" + spec.name() + "' has shape "
            + Arrays.toString(w.shape()) + " but the architecture needs "
            + Arrays.toString(spec.spec().shape()));
      }
      ordered.add(w);
    }
    if (!byName.isEmpty()) {
      throw new IllegalArgumentException("Weights " + byName.keySet()
          + " belong to no layer of the architecture");
    }
    return ordered;
  }
}
