package dev.rnnkit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A model's weights as graph variables named {@code layer/weight} (e.g. {@code lstm/kernel}), with
 * the ops to set and read them from Java. Every graph that holds a model's weights (training,
 * export) creates them here, so names and order are the same everywhere.
 */
public final class WeightVariables {

  private final List<Sequential.NamedWeightSpec> specs;
  private final Map<String, Variable<TFloat32>> byName = new LinkedHashMap<>();
  private final List<Placeholder<TFloat32>> values = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();

  private WeightVariables(Ops tf, Sequential architecture) {
    this.specs = architecture.weightSpecs();
    Map<String, Ops> layerScopes = new HashMap<>();
    for (Sequential.NamedWeightSpec spec : specs) {
      int slash = spec.name().lastIndexOf('/');
      Ops scope = scope(tf, layerScopes, spec.name().substring(0, slash));
      String shortName = spec.name().substring(slash + 1);
      Shape shape = Shape.of(spec.spec().shape());
      Variable<TFloat32> variable = scope.withName(shortName).variable(shape, TFloat32.class);
      Placeholder<TFloat32> value = scope.withName(shortName + "_value")
          .placeholder(TFloat32.class, Placeholder.shape(shape));
      byName.put(spec.name(), variable);
      values.add(value);
      assigns.add(scope.withName(shortName + "_assign").assign(variable, value));
    }
  }

  /**
   * The sub-scope {@code a/b} (a wrapper's inner layer has one inside its layer's), made once:
   * a second withSubScope of the same name would be made unique.
   */
  private static Ops scope(Ops tf, Map<String, Ops> scopes, String path) {
    Ops known = scopes.get(path);
    if (known == null) {
      int slash = path.lastIndexOf('/');
      known = slash < 0 ? tf.withSubScope(path)
          : scope(tf, scopes, path.substring(0, slash)).withSubScope(path.substring(slash + 1));
      scopes.put(path, known);
    }
    return known;
  }

  public static WeightVariables create(Ops tf, Sequential architecture) {
    return new WeightVariables(tf, architecture);
  }

  /** The variable of a layer's weight. */
  public Variable<TFloat32> get(String layer, String weight) {
    return byName.get(layer + "/" + weight);
  }

  /** All variables in the architecture's weight order. */
  public List<Variable<TFloat32>> variables() {
    return List.copyOf(byName.values());
  }

  /** Sets every variable; names and shapes must match the architecture's. */
  public void assign(Session session, List<Weight> weights) {
    Map<String, Weight> given = new HashMap<>();
    weights.forEach(w -> given.put(w.name(), w));
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < specs.size(); i++) {
        Sequential.NamedWeightSpec spec = specs.get(i);
        Weight w = given.get(spec.name());
        if (w == null) {
          throw new IllegalArgumentException("No value for weight '" + spec.name()
              + "'; the model's weights are " + specs.stream().map(Sequential.NamedWeightSpec::name).toList());
        }
        if (!Arrays.equals(w.shape(), spec.spec().shape())) {
          throw new IllegalArgumentException("Weight '" + spec.name() + "' has shape "
              + Arrays.toString(w.shape()) + " but the model needs " + Arrays.toString(spec.spec().shape()));
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(w.values(), true, false));
        tensors.add(t);
        runner.feed(values.get(i), t).addTarget(assigns.get(i));
      }
      runner.run().close();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /** Reads every variable, in the architecture's weight order. */
  public List<Weight> read(Session session) {
    return read(session, specs);
  }

  /**
   * Reads weights from any session whose graph names its variables {@code layer/weight}, as every
   * graph built here (and every SavedModel RNNKit exports) does.
   */
  public static List<Weight> read(Session session, List<Sequential.NamedWeightSpec> specs) {
    Session.Runner runner = session.runner();
    specs.forEach(spec -> runner.fetch(spec.name()));
    List<Weight> weights = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < specs.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] data = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(data, false, false));
        weights.add(new Weight(specs.get(i).name(), specs.get(i).spec().shape(), data));
      }
    }
    return weights;
  }

  /** Variable names in the architecture's weight order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
