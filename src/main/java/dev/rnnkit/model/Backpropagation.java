package dev.rnnkit.model;

import dev.rnnkit.layers.ExplicitGradient;
import dev.rnnkit.layers.WeightGradient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * The gradient of a training loss with respect to every weight, built from the top layer down.
 * Runs of ordinary layers are differentiated by TensorFlow ({@code tf.gradients}, seeded with
 * the gradient arriving from above); a layer with a hand-written backward pass
 * ({@link ExplicitGradient}) takes the gradient at its output and hands the one at its input to
 * the layers below.
 */
final class Backpropagation {

  private Backpropagation() {}

  /**
   * The loss's gradient for every weight, in the order of {@code specs}. With
   * {@code modelTopGradient} null, {@code modelTop} is the scalar loss itself; otherwise
   * {@code modelTopGradient} is the loss's gradient at {@code modelTop} (the logits, when the
   * loss writes that gradient out) and the chain rule continues from there.
   */
  static List<WeightGradient> build(Ops tf, Operand<?> modelTop, Operand<TFloat32> modelTopGradient,
      List<Sequential.LayerRun> runs, List<Sequential.NamedWeightSpec> specs, WeightVariables variables) {
    Map<String, List<String>> weightsOfLayer = new LinkedHashMap<>();
    for (Sequential.NamedWeightSpec spec : specs) {
      int slash = spec.name().indexOf('/'); // a wrapper's weights are paths within its layer
      weightsOfLayer.computeIfAbsent(spec.name().substring(0, slash), k -> new ArrayList<>())
          .add(spec.name().substring(slash + 1));
    }
    Map<String, WeightGradient> found = new HashMap<>();
    Operand<?> top = modelTop; // moves down past each layer with a hand-written backward pass
    Operand<TFloat32> topGradient = modelTopGradient;
    List<String> pending = new ArrayList<>(); // weights (layer/weight) TensorFlow still owes
    for (int i = runs.size() - 1; i >= 0; i--) {
      Sequential.LayerRun run = runs.get(i);
      String layer = run.layer().name();
      List<String> own = weightsOfLayer.getOrDefault(layer, List.of());
      if (run.pass() == null) {
        own.forEach(w -> pending.add(layer + "/" + w));
        continue;
      }
      List<Operand<TFloat32>> derived = differentiate(tf, top, topGradient, pending, run.output(), variables);
      collect(pending, derived, found);
      ExplicitGradient.Backward backward = run.pass().backward(tf, derived.get(derived.size() - 1));
      backward.weights().forEach((w, g) -> found.put(layer + "/" + w, g));
      pending.clear();
      top = run.input();
      topGradient = backward.inputGradient();
      if (topGradient == null) {
        break; // token ids: nothing below to differentiate
      }
    }
    if (!pending.isEmpty()) {
      collect(pending, differentiate(tf, top, topGradient, pending, null, variables), found);
    }
    List<WeightGradient> ordered = new ArrayList<>();
    for (Sequential.NamedWeightSpec spec : specs) {
      WeightGradient g = found.get(spec.name());
      if (g == null) {
        throw new IllegalStateException("No gradient reaches weight '" + spec.name()
            + "': a layer below a token-id layer cannot be trained");
      }
      ordered.add(g);
    }
    return ordered;
  }

  /**
   * {@code d top / d (pending weights..., extra)}, with {@code topGradient} flowing in at top. A
   * weight the top does not depend on gets a zero gradient: TensorFlow refuses to differentiate
   * with respect to it (an unrolled RNN over one time step never uses its recurrent kernel).
   */
  @SuppressWarnings("unchecked")
  private static List<Operand<TFloat32>> differentiate(Ops tf, Operand<?> top, Operand<TFloat32> topGradient,
      List<String> pending, Operand<TFloat32> extra, WeightVariables variables) {
    Set<String> upstream = upstreamOps(top);
    List<Operand<TFloat32>> weights = new ArrayList<>();
    List<Operand<?>> xs = new ArrayList<>();
    for (String name : pending) {
      int slash = name.indexOf('/');
      Operand<TFloat32> weight = variables.get(name.substring(0, slash), name.substring(slash + 1));
      weights.add(weight);
      if (upstream.contains(weight.op().name())) {
        xs.add(weight);
      }
    }
    if (extra != null) {
      xs.add(extra);
    }
    List<Operand<TFloat32>> derived = new ArrayList<>();
    if (!xs.isEmpty()) {
      Gradients gradients = topGradient == null
          ? tf.gradients(top, xs)
          : tf.gradients(top, xs, Gradients.dx(List.of(topGradient)));
      gradients.forEach(g -> derived.add((Operand<TFloat32>) g));
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    int next = 0;
    for (Operand<TFloat32> weight : weights) {
      out.add(upstream.contains(weight.op().name())
          ? derived.get(next++)
          : tf.zeros(tf.constant(weight.shape().asArray()), TFloat32.class));
    }
    if (extra != null) {
      out.add(derived.get(next));
    }
    return out;
  }

  /** The names of the ops {@code top} depends on through its data inputs. */
  private static Set<String> upstreamOps(Operand<?> top) {
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.add((GraphOperation) top.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (seen.add(op.name())) {
        for (int i = 0; i < op.numInputs(); i++) {
          todo.add((GraphOperation) op.input(i).op());
        }
      }
    }
    return seen;
  }

  private static void collect(List<String> names, List<Operand<TFloat32>> derived,
      Map<String, WeightGradient> found) {
    for (int i = 0; i < names.size(); i++) {
      found.put(names.get(i), WeightGradient.dense(derived.get(i)));
    }
  }
}
