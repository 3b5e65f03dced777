package dev.rnnkit.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code SparseCategoricalAccuracy}, named {@code accuracy} as Keras names it for
 * {@code metrics=["accuracy"]} with a sparse categorical loss: the share of positions whose
 * most probable class is the label (the first such class on a tie, as argmax). On a sequence
 * output every step counts, each against the sequence's label.
 */
public final class SparseCategoricalAccuracy implements Metric {

  @Override
  public String name() {
    return BinaryAccuracy.NAME;
  }

  @Override
  public Operand<TFloat32> batchTotal(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    return tf.reduceSum(correct(tf, output, labels),
        tf.range(tf.constant(0), tf.rank(labels), tf.constant(1)));
  }

  @Override
  public Operand<TFloat32> maskedBatchTotal(Ops tf, Operand<TFloat32> output,
      Operand<TFloat32> labels, Operand<TFloat32> mask) {
    return tf.reduceSum(tf.math.mul(correct(tf, output, labels),
        tf.expandDims(mask, tf.constant(-1))), tf.constant(new int[] {0, 1, 2}));
  }

  /** 1 where argmax(output) equals the label, shaped as the labels ([batch, 1] or [.., 1, 1]). */
  private static Operand<TFloat32> correct(Ops tf, Operand<TFloat32> output,
      Operand<TFloat32> labels) {
    Operand<TFloat32> predicted = tf.dtypes.cast(
        tf.expandDims(tf.math.argMax(output, tf.constant(-1), TInt32.class), tf.constant(-1)),
        TFloat32.class);
    return tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
  }

  /** One value per sequence, or per step of a sequence output. */
  @Override
  public long valuesPerSequence(Shape output) {
    return output.numDimensions() == 3 ? output.get(1) : 1;
  }

  @Override
  public Mean maskedBatch(double total, long keptSteps, int sequences, Shape output) {
    return new Mean(total, keptSteps);
  }
}
