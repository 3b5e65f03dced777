package dev.rnnkit.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code CategoricalAccuracy}, named {@code accuracy} as Keras names it for {@code
 * metrics=["accuracy"]} with label vectors as wide as the output (a categorical loss): the share
 * of positions whose most probable class (argmax of the output) is the label vector's argmax (the
 * first on a tie, as Keras's argmax). It is {@link SparseCategoricalAccuracy} of the labels'
 * argmax; on a sequence output every step counts, each against the sequence's label vector.
 */
public final class CategoricalAccuracy implements Metric {

  private final SparseCategoricalAccuracy ofArgmax = new SparseCategoricalAccuracy();

  @Override
  public String name() {
    return BinaryAccuracy.NAME;
  }

  @Override
  public Operand<TFloat32> batchTotal(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    return ofArgmax.batchTotal(tf, output, classIds(tf, labels));
  }

  @Override
  public Operand<TFloat32> maskedBatchTotal(Ops tf, Operand<TFloat32> output,
      Operand<TFloat32> labels, Operand<TFloat32> mask) {
    return ofArgmax.maskedBatchTotal(tf, output, classIds(tf, labels), mask);
  }

  @Override
  public long valuesPerSequence(Shape output) {
    return ofArgmax.valuesPerSequence(output);
  }

  @Override
  public Mean maskedBatch(double total, long keptSteps, int sequences, Shape output) {
    return ofArgmax.maskedBatch(total, keptSteps, sequences, output);
  }

  /** Label vectors [..., K] as the class index of their largest value, [..., 1]. */
  private static Operand<TFloat32> classIds(Ops tf, Operand<TFloat32> labels) {
    return tf.dtypes.cast(
        tf.expandDims(tf.math.argMax(labels, tf.constant(-1), TInt32.class), tf.constant(-1)),
        TFloat32.class);
  }
}
