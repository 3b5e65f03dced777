package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code binary_crossentropy}. On a sigmoid output it is computed from the logits x as
 * {@code max(x, 0) - x*y + log(1 + exp(-|x|))} (sigmoid_cross_entropy_with_logits, no clipping);
 * with {@code from_logits=True} the same formula on the output itself (a linear output); on any
 * other output from probabilities clipped to [1e-7, 1 - 1e-7].
 */
final class BinaryCrossentropy implements Loss {

  static final float EPSILON = 1e-7f;

  private final boolean fromLogits;

  BinaryCrossentropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public String kerasName() {
    return "binary_crossentropy";
  }

  @Override
  public boolean isBinaryClassification() {
    return true;
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public Operand<TFloat32> elementwise(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    if (fromLogits) {
      return fromLogits(tf, labels, output);
    }
    return logits != null ? fromLogits(tf, labels, logits) : fromProbabilities(tf, labels, output);
  }

  /**
   * d/dx of the mean of {@code max(x, 0) - x*y + log(1 + exp(-|x|))} over n elements is
   * {@code (sigmoid(x) - y) / n}; the sigmoid is the model's output. From logits (a linear
   * output, no sigmoid layer) TensorFlow differentiates the loss.
   */
  @Override
  public Operand<TFloat32> logitsGradient(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    if (logits == null || fromLogits) {
      return null;
    }
    Ops grad = tf.withSubScope("binary_crossentropy_gradient");
    Operand<TFloat32> count = grad.dtypes.cast(grad.size(logits), TFloat32.class);
    return grad.math.div(grad.math.sub(output, labels), count);
  }

  private static Operand<TFloat32> fromLogits(Ops tf, Operand<TFloat32> y, Operand<TFloat32> x) {
    Operand<TFloat32> relu = tf.math.maximum(x, tf.constant(0f));
    // -|x| as min(-x, x): the same value, but at x = 0 TensorFlow's gradient takes the first
    // argument's slope (-1) where Abs's would be 0, which with relu's 1 there makes the loss's
    // slope sigmoid(0) - y, as TensorFlow's own sigmoid_cross_entropy_with_logits. Logits of
    // exactly 0 are common: masked steps of a backwards RNN output the zero state.
    Operand<TFloat32> negAbs = tf.math.minimum(tf.math.neg(x), x);
    Operand<TFloat32> softplusNegAbs = tf.math.log1p(tf.math.exp(negAbs));
    return tf.math.add(tf.math.sub(relu, tf.math.mul(x, y)), softplusNegAbs);
  }

  private static Operand<TFloat32> fromProbabilities(
      Ops tf, Operand<TFloat32> y, Operand<TFloat32> p) {
    Operand<TFloat32> clipped =
        tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1f - EPSILON));
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> positive = tf.math.mul(y, tf.math.log(clipped));
    Operand<TFloat32> negative =
        tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.sub(one, clipped)));
    return tf.math.neg(tf.math.add(positive, negative));
  }

}
