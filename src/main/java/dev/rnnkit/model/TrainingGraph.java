package dev.rnnkit.model;

import dev.rnnkit.layers.Noise;
import dev.rnnkit.layers.WeightGradient;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.Updates;
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
 * weights, the forward pass, the loss and the metrics, the gradients and the optimizer's update.
 */
final class TrainingGraph implements BatchGraph {

  final Placeholder<?> input;
  final Placeholder<TFloat32> labels;
  final Sequential.Forward forward;
  final WeightVariables weightVariables;
  /** Only fetched by {@code Model.gradients}; a training step never runs these. */
  final List<Operand<?>> gradients = new ArrayList<>();
  final Updates updates;
  /** Dropout's training flag and seed, fed by a training step when a layer drew a mask. */
  final Noise noise;
  final LossAndMetrics metrics;
  private final int steps;

  TrainingGraph(Graph graph, Sequential architecture, Optimizer optimizer, Loss loss) {
    this(Ops.create(graph), architecture, optimizer, loss, null, null, false);
  }

  /**
   * The graph of one sequence length of an open-length model, under {@code tf}'s scope: its own
   * placeholders, forward pass, loss and gradients, and an update of {@code shared}'s weights and
   * optimizer slots ({@code architecture} fixes the length), for post-padded batches or any.
   */
  static TrainingGraph forLength(Ops tf, Sequential architecture, Optimizer optimizer,
      Loss loss, WeightVariables weights, Updates shared, boolean postPadded) {
    return new TrainingGraph(tf, architecture, optimizer, loss, weights, shared, postPadded);
  }

  private TrainingGraph(Ops tf, Sequential architecture, Optimizer optimizer, Loss loss,
      WeightVariables sharedWeights, Updates sharedUpdates, boolean postPadded) {
    steps = architecture.input().timeSteps();
    input = inputPlaceholder(tf, architecture.input());
    labels = LossAndMetrics.labelsPlaceholder(tf, loss, architecture.outputShape());
    weightVariables = sharedWeights != null ? sharedWeights : WeightVariables.create(tf, architecture);
    noise = Noise.in(tf);
    forward = architecture.trainingForward(tf, input, weightVariables::get, postPadded, noise);
    metrics = new LossAndMetrics(tf, labels, forward, loss);
    // Backpropagation starts at the logits when the loss writes its gradient there out (not
    // for a masked loss: TensorFlow differentiates that).
    Operand<TFloat32> logitsGradient = metrics.masked() ? null
        : loss.logitsGradient(tf, metrics.broadcastLabels, forward.output(), forward.logitsFor(loss));
    List<Sequential.NamedWeightSpec> specs = architecture.weightSpecs();
    List<WeightGradient> weightGradients = Backpropagation.build(tf,
        logitsGradient == null ? metrics.lossValue : forward.logitsFor(loss), logitsGradient,
        forward.layers(), specs, weightVariables);
    for (int i = 0; i < specs.size(); i++) {
      gradients.add(weightGradients.get(i).toDense(tf, specs.get(i).spec().shape()[0]));
    }
    updates = sharedUpdates == null
        ? optimizer.build(tf, weightVariables.variables(), weightGradients)
        : optimizer.applying(tf.withSubScope(optimizer.scope()), sharedUpdates, weightVariables.variables(),
            weightGradients);
  }

  /** The model's input placeholder: token ids or float features, named as the input. */
  static Placeholder<?> inputPlaceholder(Ops tf, InputSpec in) {
    return in.isTokens()
        ? tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(in.shape()))
        : tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(in.shape()));
  }

  @Override
  public Placeholder<?> input() {
    return input;
  }

  @Override
  public Operand<TFloat32> output() {
    return forward.output();
  }

  @Override
  public LossAndMetrics metrics() {
    return metrics;
  }

  @Override
  public int steps() {
    return steps;
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
