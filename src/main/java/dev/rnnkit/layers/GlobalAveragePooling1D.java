package dev.rnnkit.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code GlobalAveragePooling1D()}: the mean of each feature over time,
 * [batch, time, features] to [batch, features].
 *
 * <p>With a mask, as in Keras 3, the mean is over the unmasked steps only: the sum of the
 * unmasked steps divided by their number. A row with every step masked divides 0 by 0 and gives
 * NaN, as in Keras.
 */
public record GlobalAveragePooling1D(String name) implements GlobalPooling1D {

  public GlobalAveragePooling1D() {
    this(null);
  }

  @Override
  public Layer withName(String newName) {
    return new GlobalAveragePooling1D(newName);
  }

  @Override
  public String kerasClassName() {
    return "GlobalAveragePooling1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "global_average_pooling1d";
  }

  /**
   * Keras zeroes masked steps with {@code where(mask, x, 0)}; multiplying by the 1/0 mask is the
   * same for finite values (a recurrent layer's outputs are) and TensorFlow differentiates it.
   */
  @Override
  public Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, SequenceLayout layout,
      Operand<TFloat32> mask) {
    Operand<TInt32> axis = tf.constant(layout.timeAxis());
    if (mask == null) {
      return tf.math.mean(x, axis);
    }
    Operand<TFloat32> perFeature = tf.expandDims(mask, tf.constant(-1));
    Operand<TFloat32> sum = tf.sum(tf.math.mul(x, perFeature), axis);
    Operand<TFloat32> count = tf.sum(perFeature, axis);
    return tf.math.div(sum, count);
  }
}
