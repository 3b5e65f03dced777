package dev.rnnkit.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A metric averaged over every value a batch compares, as Keras's {@code MeanMetricWrapper} does:
 * the model's training graph computes the batch's total, Java adds it to a running {@link Mean}.
 * Keras names the metric in the logs and the history ({@code accuracy}, {@code val_accuracy}).
 */
public interface Metric {

  /** The key in logs, history and evaluations. */
  String name();

  /**
   * Adds the op computing the batch's total to a graph; {@code labels} broadcast against
   * {@code output} (one label per sequence for every time step of a sequence output).
   */
  Operand<TFloat32> batchTotal(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels);

  /** How many values the total counts per sequence, for an output of this shape. */
  long valuesPerSequence(Shape output);

  /** A batch's contribution to the running mean, from its total and number of sequences. */
  default Mean batch(double total, int sequences, Shape output) {
    return new Mean(total, sequences * valuesPerSequence(output));
  }

  /**
   * The batch's total over the steps a {@code mask} ([batch, time], 1 = counts) keeps, as Keras
   * weighs a metric by the output's mask. By default the metric ignores the mask.
   */
  default Operand<TFloat32> maskedBatchTotal(Ops tf, Operand<TFloat32> output,
      Operand<TFloat32> labels, Operand<TFloat32> mask) {
    return batchTotal(tf, output, labels);
  }

  /** A masked batch's contribution, given the number of steps its mask kept. */
  default Mean maskedBatch(double total, long keptSteps, int sequences, Shape output) {
    return batch(total, sequences, output);
  }
}
