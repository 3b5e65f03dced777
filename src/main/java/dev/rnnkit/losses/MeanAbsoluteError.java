package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code mean_absolute_error}: mean of |output - label|. */
final class MeanAbsoluteError implements Loss {

  @Override
  public String kerasName() {
    return "mean_absolute_error";
  }

  @Override
  public boolean isBinaryClassification() {
    return false;
  }

  @Override
  public Operand<TFloat32> elementwise(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    return tf.math.abs(tf.math.sub(output, labels));
  }
}
