package dev.rnnkit.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Refusals of weight lists that do not fit an architecture, each naming the weight at fault. */
final class WeightChecks {

  private WeightChecks() {}

  /** Exactly one weight per spec, of the spec's shape; no weight the architecture does not have. */
  static void complete(List<Sequential.NamedWeightSpec> specs, List<Weight> weights) {
    Set<String> expected = new HashSet<>();
    specs.forEach(s -> expected.add(s.name()));
    Set<String> seen = new HashSet<>();
    for (Weight w : weights) {
      if (!expected.contains(w.name())) {
        throw new IllegalArgumentException("The model has no weight '" + w.name() + "' (given with shape "
            + Arrays.toString(w.shape()) + "); its weights are " + names(specs));
      }
      if (!seen.add(w.name())) {
        throw new IllegalArgumentException("Weight '" + w.name() + "' is given twice");
      }
    }
    for (Sequential.NamedWeightSpec spec : specs) {
      Weight w = weights.stream().filter(g -> g.name().equals(spec.name())).findFirst().orElse(null);
      if (w == null) {
        throw new IllegalArgumentException("No value for weight '" + spec.name() + "' of shape "
            + Arrays.toString(spec.spec().shape()) + "; the model's weights are " + names(specs));
      }
      shape(spec.name(), spec.spec().shape(), w.shape());
    }
  }

  /** Refuses a value of another shape than the weight's. */
  static void shape(String name, long[] expected, long[] given) {
    if (!Arrays.equals(expected, given)) {
      throw new IllegalArgumentException("Weight '" + name + "' must have shape "
          + Arrays.toString(expected) + ", was given shape " + Arrays.toString(given));
    }
  }

  private static List<String> names(List<Sequential.NamedWeightSpec> specs) {
    return specs.stream().map(Sequential.NamedWeightSpec::name).toList();
  }
}
