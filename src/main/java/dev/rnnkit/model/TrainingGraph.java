package dev.rnnkit.model;

import dev.rnnkit.layers.WeightGradient;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What {@code compile} builds into a model's graph: the input and label placeholders, the
 * weights, the forward pass, the loss and the metrics, the gradients and Adam's update.
 */
final class TrainingGraph {

  final Placeholder<?> input;
  final Placeholder<TFloat32> labels;
  final Sequential.Forward forward;
  final WeightVariables weightVariables;
  /** Only fetched by {@code Model.gradients}; a training step never runs these. */
  final List<Operand<?>> gradients = new ArrayList<>();
  final Adam.Updates updates;
  final LossAndMetrics metrics;

  TrainingGraph(Graph graph, Sequential architecture, Adam optimizer, Loss loss) {
    Ops tf = Ops.create(graph);
    input = inputPlaceholder(tf, architecture.input());
    labels = LossAndMetrics.labelsPlaceholder(tf);
    weightVariables = WeightVariables.create(tf, architecture);
    forward = architecture.trainingForward(tf, input, weightVariables::get);
    metrics = new LossAndMetrics(tf, labels, forward, loss);
    // Backpropagation starts at the logits when the loss writes its gradient there out.
    Operand<TFloat32> logitsGradient =
        loss.logitsGradient(tf, metrics.broadcastLabels, forward.output(), forward.logits());
    List<Sequential.NamedWeightSpec> specs = architecture.weightSpecs();
    List<WeightGradient> weightGradients = Backpropagation.build(tf,
        logitsGradient == null ? metrics.lossValue : forward.logits(), logitsGradient,
        forward.layers(), specs, weightVariables);
    for (int i = 0; i < specs.size(); i++) {
      gradients.add(weightGradients.get(i).toDense(tf, specs.get(i).spec().shape()[0]));
    }
    updates = optimizer.build(tf, weightVariables.variables(), weightGradients);
  }

  /** The model's input placeholder: token ids or float features, named as the input. */
  static Placeholder<?> inputPlaceholder(Ops tf, InputSpec in) {
    return in.isTokens()
        ? tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(in.shape()))
        : tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(in.shape()));
  }

  List<String> reportedMetrics() {
    return metrics.reportedMetrics();
  }

  /** Fetches the loss, then every metric's total, after whatever the runner fetched already. */
  Session.Runner fetchMetrics(Session.Runner runner) {
    return metrics.fetchMetrics(runner);
  }

  /** A batch's means from what {@link #fetchMetrics} fetched, starting at result {@code first}. */
  RunningMeans batchMeans(Result r, int first, int sequences) {
    return metrics.batchMeans(r, first, sequences);
  }
}
