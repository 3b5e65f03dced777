package dev.rnnkit.model;

import dev.rnnkit.layers.WeightGradient;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.BinaryAccuracy;
import dev.rnnkit.metrics.LastStepBinaryAccuracy;
import dev.rnnkit.metrics.Mean;
import dev.rnnkit.metrics.Metric;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.optimizers.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What {@code compile} builds into a model's graph: the input and label placeholders, the
 * weights, the forward pass, the loss and the metrics, the gradients and Adam's update.
 */
final class TrainingGraph {

  /**
   * Both accuracies are in every training graph, whichever are reported (see {@link
   * #reportedMetrics}): a graph, and the op count the comparison and README report, do not
   * depend on the loss.
   */
  private static final List<Metric> METRICS =
      List.of(new BinaryAccuracy(), new LastStepBinaryAccuracy());

  final Placeholder<?> input;
  final Placeholder<TFloat32> labels;
  final Sequential.Forward forward;
  final Operand<TFloat32> lossValue;
  final List<Operand<TFloat32>> metricTotals = new ArrayList<>();
  final WeightVariables weightVariables;
  /** Only fetched by {@code Model.gradients}; a training step never runs these. */
  final List<Operand<?>> gradients = new ArrayList<>();
  final Adam.Updates updates;
  private final List<String> reportedMetrics;

  TrainingGraph(Graph graph, Sequential architecture, Adam optimizer, Loss loss) {
    Ops tf = Ops.create(graph);
    InputSpec in = architecture.input();
    input =
        in.isTokens()
            ? tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(in.shape()))
            : tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(in.shape()));
    labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    weightVariables = WeightVariables.create(tf, architecture);
    forward = architecture.trainingForward(tf, input, weightVariables::get);
    Operand<TFloat32> broadcastLabels = broadcastLabels(tf, labels, forward.output());
    lossValue = loss.build(tf, broadcastLabels, forward.output(), forward.logits());
    for (Metric metric : METRICS) {
      metricTotals.add(metric.batchTotal(tf, forward.output(), broadcastLabels));
    }
    // Backpropagation starts at the logits when the loss writes its gradient there out.
    Operand<TFloat32> logitsGradient =
        loss.logitsGradient(tf, broadcastLabels, forward.output(), forward.logits());
    List<Sequential.NamedWeightSpec> specs = architecture.weightSpecs();
    List<WeightGradient> weightGradients = Backpropagation.build(tf,
        logitsGradient == null ? lossValue : forward.logits(), logitsGradient,
        forward.layers(), specs, weightVariables);
    for (int i = 0; i < specs.size(); i++) {
      gradients.add(weightGradients.get(i).toDense(tf, specs.get(i).spec().shape()[0]));
    }
    updates = optimizer.build(tf, weightVariables.variables(), weightGradients);
    reportedMetrics = reportedMetrics(loss, outputShape());
  }

  /**
   * Keras's {@code metrics_names}: the loss; for a binary classifier its accuracy, and for one
   * with a sequence output also the last step's (which otherwise equals the accuracy).
   */
  private static List<String> reportedMetrics(Loss loss, Shape output) {
    List<String> names = new ArrayList<>(List.of("loss"));
    if (loss.isBinaryClassification()) {
      names.add(BinaryAccuracy.NAME);
      if (output.numDimensions() == 3) {
        names.add(LastStepBinaryAccuracy.NAME);
      }
    }
    return List.copyOf(names);
  }

  List<String> reportedMetrics() {
    return reportedMetrics;
  }

  Shape outputShape() {
    return forward.output().shape();
  }

  /** Fetches the loss, then every metric's total, after whatever the runner fetched already. */
  Session.Runner fetchMetrics(Session.Runner runner) {
    runner.fetch(lossValue);
    metricTotals.forEach(runner::fetch);
    return runner;
  }

  /** A batch's means from what {@link #fetchMetrics} fetched, starting at result {@code first}. */
  RunningMeans batchMeans(Result r, int first, int sequences) {
    Map<String, Mean> means = new LinkedHashMap<>();
    means.put("loss", Mean.weighted(((TFloat32) r.get(first)).getFloat(), sequences));
    for (int i = 0; i < METRICS.size(); i++) {
      double total = ((TFloat32) r.get(first + 1 + i)).getFloat();
      means.put(METRICS.get(i).name(), METRICS.get(i).batch(total, sequences, outputShape()));
    }
    return new RunningMeans(means);
  }

  /** Labels [batch] reshaped to [batch, 1, ...] so they broadcast over the output's time steps. */
  private static Operand<TFloat32> broadcastLabels(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output) {
    long[] dims = new long[output.shape().numDimensions()];
    Arrays.fill(dims, 1);
    dims[0] = -1;
    return tf.reshape(labels, tf.constant(dims));
  }
}
