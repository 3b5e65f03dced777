package dev.rnnkit.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@link BinaryAccuracy} on the last time step only, named {@code last_step_accuracy}: on a
 * sequence output ([batch, time, units]) it scores the sequence's prediction, where Keras's
 * accuracy scores every step. On any other output it equals {@link BinaryAccuracy}.
 */
public final class LastStepBinaryAccuracy implements Metric {

  public static final String NAME = "last_step_accuracy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Operand<TFloat32> batchTotal(Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    return BinaryAccuracy.countCorrect(tf, lastStep(tf, output), lastStep(tf, labels));
  }

  @Override
  public long valuesPerSequence(Shape output) {
    return output.numDimensions() == 3
        ? output.get(2) : BinaryAccuracy.valuesOfOneSequence(output);
  }

  /** For a [batch, time, units] tensor, its last step [batch, units]; otherwise itself. */
  private static Operand<TFloat32> lastStep(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 3) {
      return x;
    }
    return tf.stridedSlice(x, Indices.all(), Indices.at(-1), Indices.all());
  }
}
