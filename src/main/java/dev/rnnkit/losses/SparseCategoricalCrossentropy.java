package dev.rnnkit.losses;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code sparse_categorical_crossentropy}: labels are class indices, and each position's
 * loss is {@code -log p[label]}, p being the softmax of the output from logits, or the output
 * scaled to sum to 1 and clipped to [1e-7, 1 - 1e-7] (see {@link ClassCrossentropy}).
 */
final class SparseCategoricalCrossentropy extends ClassCrossentropy {

  SparseCategoricalCrossentropy(boolean fromLogits) {
    super(fromLogits);
  }

  @Override
  public String kerasName() {
    return "sparse_categorical_crossentropy";
  }

  @Override
  public boolean isSparseCategorical() {
    return true;
  }

  /** The labels one-hot over the output's classes (its last axis). */
  @Override
  Operand<TFloat32> targets(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output) {
    Operand<TInt32> classes = tf.reshape(tf.slice(tf.shape(output),
        tf.reshape(tf.math.sub(tf.rank(output), tf.constant(1)), tf.constant(new int[] {1})),
        tf.constant(new int[] {1})), tf.constant(new int[0]));
    // labels broadcast as [batch, 1] or [batch, 1, 1]: drop the last axis before the one-hot.
    Operand<TInt32> ids = tf.dtypes.cast(tf.squeeze(labels, Squeeze.axis(List.of(-1L))),
        TInt32.class);
    return tf.oneHot(ids, classes, tf.constant(1f), tf.constant(0f), OneHot.axis(-1L));
  }
}
