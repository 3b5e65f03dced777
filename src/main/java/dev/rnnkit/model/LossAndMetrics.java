package dev.rnnkit.model;

import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.BinaryAccuracy;
import dev.rnnkit.metrics.CategoricalAccuracy;
import dev.rnnkit.metrics.LastStepBinaryAccuracy;
import dev.rnnkit.metrics.Mean;
import dev.rnnkit.metrics.Metric;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.metrics.SparseCategoricalAccuracy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The loss and metrics of a forward pass against a labels placeholder, as Keras's {@code
 * evaluate} reports them. Built into a training graph and into an inference graph alike, so both
 * evaluate to the same numbers.
 */
final class LossAndMetrics {

  /**
   * Both accuracies are in every graph, whichever are reported (see {@link #reportedMetrics}): a
   * graph, and the op count the comparison and README report, do not depend on the loss.
   */
  private static final List<Metric> METRICS =
      List.of(new BinaryAccuracy(), new LastStepBinaryAccuracy());

  /** A sparse categorical loss's accuracy: the most probable class against the label. */
  private static final List<Metric> SPARSE_METRICS = List.of(new SparseCategoricalAccuracy());

  /** A categorical loss's accuracy: the most probable class against the label vector's. */
  private static final List<Metric> CATEGORICAL_METRICS = List.of(new CategoricalAccuracy());

  private final List<Metric> metrics;

  final Placeholder<TFloat32> labels;
  /** The labels reshaped to broadcast over the output's time steps. */
  final Operand<TFloat32> broadcastLabels;
  final Operand<TFloat32> lossValue;
  private final List<Operand<TFloat32>> metricTotals = new ArrayList<>();
  /**
   * The number of unmasked steps of a masked sequence output, whose loss and metrics count only
   * those steps (Keras weighs them by the mask); null when every step counts.
   */
  private final Operand<TFloat32> keptSteps;
  private final Shape outputShape;
  private final List<String> reportedMetrics;

  LossAndMetrics(Ops tf, Placeholder<TFloat32> labels, Sequential.Forward forward, Loss loss) {
    this.labels = labels;
    outputShape = forward.output().shape();
    metrics = accuracies(loss, outputShape);
    broadcastLabels = broadcastLabels(tf, labels, forward.output(), loss);
    Operand<TFloat32> mask = outputShape.numDimensions() == 3 ? forward.outputMask() : null;
    if (mask == null) {
      keptSteps = null;
      lossValue = loss.build(tf, broadcastLabels, forward.output(), forward.logitsFor(loss));
    } else {
      Ops masked = tf.withSubScope("masked_loss");
      keptSteps = masked.reduceSum(mask, masked.constant(new int[] {0, 1}));
      lossValue = maskedLoss(masked, loss, forward, mask);
    }
    for (Metric metric : metrics) {
      metricTotals.add(mask == null ? metric.batchTotal(tf, forward.output(), broadcastLabels)
          : metric.maskedBatchTotal(tf, forward.output(), broadcastLabels, mask));
    }
    reportedMetrics = reportedMetrics(loss, outputShape);
  }

  /**
   * Keras's loss of a masked sequence output: each step's loss (the mean over its units),
   * summed over the unmasked steps and divided by their number (0 when none is).
   */
  private Operand<TFloat32> maskedLoss(Ops tf, Loss loss, Sequential.Forward forward,
      Operand<TFloat32> mask) {
    Operand<TFloat32> perStep = tf.math.mean(
        loss.elementwise(tf, broadcastLabels, forward.output(), forward.logitsFor(loss)),
        tf.constant(-1));
    return tf.math.divNoNan(
        tf.reduceSum(tf.math.mul(perStep, mask), tf.constant(new int[] {0, 1})), keptSteps);
  }

  /** Whether the loss counts only a mask's steps: its gradient is then TensorFlow's. */
  boolean masked() {
    return keptSteps != null;
  }

  /**
   * The labels placeholder every graph names {@code labels}: [batch], one per sequence, or
   * [batch, classes] for a categorical loss's label vectors ({@code output} gives the classes).
   */
  static Placeholder<TFloat32> labelsPlaceholder(Ops tf, Loss loss, Shape output) {
    Shape shape = loss.isCategorical()
        ? Shape.of(-1, output.get(output.numDimensions() - 1)) : Shape.of(-1);
    return tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(shape));
  }

  /**
   * The accuracy Keras's {@code metrics=["accuracy"]} resolves to (keras/src/trainers/
   * compile_utils.py, {@code is_binary_or_sparse_categorical}): binary accuracy when the output
   * has one unit, sparse categorical accuracy when the labels are class indices (of lower rank
   * than the output), categorical accuracy when they are vectors as wide as the output. A
   * regression loss keeps the binary pair, which it does not report (see {@link
   * #reportedMetrics}), so that its graph is the binary classifier's.
   */
  static List<Metric> accuracies(Loss loss, Shape output) {
    boolean oneUnit = output.get(output.numDimensions() - 1) == 1;
    if (oneUnit) {
      return METRICS;
    }
    return loss.isSparseCategorical() ? SPARSE_METRICS
        : loss.isCategorical() ? CATEGORICAL_METRICS : METRICS;
  }

  /**
   * Keras's {@code metrics_names}: the loss; for a binary classifier its accuracy, and for one
   * with a sequence output also the last step's (which otherwise equals the accuracy).
   */
  static List<String> reportedMetrics(Loss loss, Shape output) {
    List<String> names = new ArrayList<>(List.of("loss"));
    if (loss.isSparseCategorical() || loss.isCategorical()) {
      names.add(BinaryAccuracy.NAME);
    }
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

  /** Fetches the loss, then every metric's total, after whatever the runner fetched already. */
  Session.Runner fetchMetrics(Session.Runner runner) {
    runner.fetch(lossValue);
    metricTotals.forEach(runner::fetch);
    if (keptSteps != null) {
      runner.fetch(keptSteps);
    }
    return runner;
  }

  /** A batch's means from what {@link #fetchMetrics} fetched, starting at result {@code first}. */
  RunningMeans batchMeans(Result r, int first, int sequences) {
    Map<String, Mean> means = new LinkedHashMap<>();
    means.put("loss", Mean.weighted(((TFloat32) r.get(first)).getFloat(), sequences));
    long kept = keptSteps == null ? 0
        : Math.round(((TFloat32) r.get(first + 1 + metrics.size())).getFloat());
    for (int i = 0; i < metrics.size(); i++) {
      double total = ((TFloat32) r.get(first + 1 + i)).getFloat();
      Metric metric = metrics.get(i);
      means.put(metric.name(), keptSteps == null ? metric.batch(total, sequences, outputShape)
          : metric.maskedBatch(total, kept, sequences, outputShape));
    }
    return new RunningMeans(means);
  }

  /**
   * Labels [batch] reshaped to [batch, 1, ...], or label vectors [batch, K] to [batch, 1, K], so
   * they broadcast over the output's time steps.
   */
  private static Operand<TFloat32> broadcastLabels(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Loss loss) {
    int rank = output.shape().numDimensions();
    long[] dims = new long[rank];
    Arrays.fill(dims, 1);
    dims[0] = -1;
    if (loss.isCategorical()) {
      dims[rank - 1] = output.shape().get(rank - 1);
    }
    return tf.reshape(labels, tf.constant(dims));
  }
}
