package dev.rnnkit.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a Keras RNN outputs over a mask that keeps each row's first {@code length} steps, read
 * from the states of a kernel that ran over every step: Keras carries the state unchanged over
 * masked steps, so a row's last output is its state after step {@code length-1}, and its masked
 * steps repeat that output (or are 0 with {@code zero_output_for_mask}). A row of no steps keeps
 * the zero state. With {@code go_backwards}, the kernel read each row's own steps reversed
 * (padding after them), while Keras reads the padding first and so outputs zeros there: the
 * row's outputs move to the end of the sequence.
 */
final class PrefixMaskedSteps {

  private PrefixMaskedSteps() {}

  /**
   * @param h the kernel's outputs, time-major [T, batch, units]
   * @param lengths int32 [batch], each row's unmasked steps
   * @param steps int32 scalar T
   * @return [batch, units] for the last step, else time-major [T, batch, units]
   */
  static Operand<TFloat32> outputs(Ops tf, Operand<TFloat32> h, Operand<TInt32> lengths,
      Operand<TInt32> steps, boolean goBackwards, boolean sequences, boolean zeroOutput) {
    Operand<TInt32> one = tf.constant(1);
    Operand<TInt32> zero = tf.constant(0);
    Operand<TInt32> rows = tf.range(zero, tf.size(lengths), one);
    Operand<TInt32> last = tf.math.maximum(tf.math.sub(lengths, one), zero);
    Operand<TFloat32> hasSteps =
        tf.dtypes.cast(tf.math.greater(lengths, zero), TFloat32.class);
    if (!sequences) {
      Operand<TFloat32> state = tf.gatherNd(h, tf.stack(List.of(last, rows), Stack.axis(1L)));
      return tf.math.mul(state, tf.expandDims(hasSteps, tf.constant(-1)));
    }
    Operand<TInt32> time = tf.expandDims(tf.range(zero, steps, one), one); // [T, 1]
    // Index arithmetic only (no OnesLike, which has no gradient): [T, 1] op [batch] is [T, batch].
    Operand<TInt32> noRows = tf.math.mul(time, tf.constant(0));
    Operand<TInt32> source;
    Operand<TBool> kept;
    if (goBackwards) {
      // Keras's step k read input step T-1-k: padding for k < T - length, then the row.
      source = tf.math.sub(time, tf.math.sub(steps, lengths));
      kept = tf.math.greaterEqual(source, zero);
    } else if (zeroOutput) {
      source = tf.math.add(time, tf.math.mul(lengths, zero));
      kept = tf.math.less(time, lengths);
    } else {
      source = tf.math.minimum(time, last);
      kept = tf.math.greater(tf.math.add(noRows, lengths), zero);
    }
    source = tf.math.maximum(source, zero);
    Operand<TInt32> rowIndex = tf.math.add(noRows, rows); // [T, batch]
    Operand<TFloat32> values =
        tf.gatherNd(h, tf.stack(List.of(source, rowIndex), Stack.axis(2L)));
    return tf.math.mul(values,
        tf.expandDims(tf.dtypes.cast(kept, TFloat32.class), tf.constant(-1)));
  }
}
