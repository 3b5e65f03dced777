package dev.rnnkit.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Moves each row's padding steps (id 0, or steps of all-0.0 features) after its other steps,
 * keeping the order of both: a serving graph's input becomes post-padded. Forward only.
 */
final class PaddingToEnd {

  private PaddingToEnd() {}

  @SuppressWarnings("unchecked")
  static Operand<?> apply(Ops tf, Operand<?> input) {
    boolean tokens = input.type() == TInt32.class;
    Operand<TInt32> kept = tokens
        ? tf.dtypes.cast(tf.math.notEqual((Operand<TInt32>) input, tf.constant(0)), TInt32.class)
        : tf.dtypes.cast(tf.any(tf.math.notEqual((Operand<TFloat32>) input, tf.constant(0f)),
            tf.constant(-1)), TInt32.class);
    Operand<TInt32> shape = tf.shape(kept);
    Operand<TInt32> steps = tf.reshape(tf.slice(shape, tf.constant(new int[] {1}),
        tf.constant(new int[] {1})), tf.constant(new int[0]));
    Operand<TInt32> rows = tf.reshape(tf.slice(shape, tf.constant(new int[] {0}),
        tf.constant(new int[] {1})), tf.constant(new int[0]));
    Operand<TInt32> time = tf.range(tf.constant(0), steps, tf.constant(1));
    // Kept steps sort by position, padding after all of them: key = position + T * padding.
    Operand<TInt32> key = tf.math.add(time,
        tf.math.mul(tf.math.sub(tf.constant(1), kept), steps));
    Operand<TInt32> order = tf.nn.topK(tf.math.neg(key), steps, new TopK.Options[] {TopK.sorted(true)})
        .indices();
    Operand<TInt32> rowIndex = tf.math.add(tf.math.mul(order, tf.constant(0)),
        tf.expandDims(tf.range(tf.constant(0), rows, tf.constant(1)), tf.constant(1)));
    Operand<TInt32> coordinates = tf.stack(List.of(rowIndex, order), Stack.axis(2L));
    return tokens ? tf.gatherNd((Operand<TInt32>) input, coordinates)
        : tf.gatherNd((Operand<TFloat32>) input, coordinates);
  }
}
