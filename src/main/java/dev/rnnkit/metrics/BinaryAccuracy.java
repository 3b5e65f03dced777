package dev.rnnkit.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code BinaryAccuracy} with threshold 0.5, named {@code accuracy} as Keras names it for
 * {@code metrics=["accuracy"]} with a binary loss: the share of output values on the label's side
 * of 0.5. On a sequence output every time step counts, each against the sequence's label.
 */
public final class BinaryAccuracy implements Metric {

  public static final String NAME = "accuracy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Operand<TFloat32> batchTotal(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    return countCorrect(tf, output, labels);
  }

  /** Only the steps the mask keeps count, every unit of them. */
  @Override
  public Operand<TFloat32> maskedBatchTotal(Ops tf, Operand<TFloat32> output,
      Operand<TFloat32> labels, Operand<TFloat32> mask) {
    Operand<TFloat32> predicted =
        tf.dtypes.cast(tf.math.greater(output, tf.constant(0.5f)), TFloat32.class);
    Operand<TFloat32> correct = tf.math.mul(
        tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class),
        tf.expandDims(mask, tf.constant(-1)));
    return tf.reduceSum(correct, tf.constant(new int[] {0, 1, 2}));
  }

  @Override
  public Mean maskedBatch(double total, long keptSteps, int sequences, Shape output) {
    return new Mean(total, keptSteps * output.get(output.numDimensions() - 1));
  }

  /** Every value of a sequence's output counts. */
  @Override
  public long valuesPerSequence(Shape output) {
    return valuesOfOneSequence(output);
  }

  /** The values of one sequence in an output of this shape (batch first). */
  static long valuesOfOneSequence(Shape output) {
    long n = 1;
    for (int i = 1; i < output.numDimensions(); i++) {
      n *= output.get(i);
    }
    return n;
  }

  /** (output > 0.5) == label, counted over every value of the batch. */
  static Operand<TFloat32> countCorrect(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    Operand<TFloat32> predicted =
        tf.dtypes.cast(tf.math.greater(output, tf.constant(0.5f)), TFloat32.class);
    Operand<TFloat32> correct =
        tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
    Operand<TFloat32> broadcast = tf.math.mul(correct, tf.onesLike(output));
    return tf.reduceSum(broadcast, tf.range(tf.constant(0), tf.rank(broadcast), tf.constant(1)));
  }
}
