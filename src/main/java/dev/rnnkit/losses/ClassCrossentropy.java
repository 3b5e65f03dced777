package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code categorical_crossentropy} and {@code sparse_categorical_crossentropy} share:
 * {@code from_logits}, the log-probabilities of the classes (the last axis), and the
 * cross-entropy of a target distribution against them. Subclasses say how labels become targets.
 */
abstract class ClassCrossentropy implements Loss {

  private final boolean fromLogits;

  ClassCrossentropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public final boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public final boolean isBinaryClassification() {
    return false;
  }

  /** The target distribution of every position, shaped as the output, from the labels. */
  abstract Operand<TFloat32> targets(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output);

  /**
   * The loss of every position (sample, or step of a sequence output) as [..., 1]: {@code
   * -sum(target * log_prob)} over the classes, kept as an axis of size 1 so that a mask's mean
   * over the last axis leaves each position's loss as is.
   */
  @Override
  public final Operand<TFloat32> elementwise(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    // A softmax output's logits (given by the model) are read as Keras's TensorFlow backend
    // reads them (_keras_logits): log_softmax, no clipping.
    Operand<TFloat32> logProbabilities = fromLogits ? logSoftmax(tf, output)
        : logits != null ? logSoftmax(tf, logits) : clippedLog(tf, output);
    return tf.math.neg(tf.reduceSum(tf.math.mul(targets(tf, labels, output), logProbabilities),
        tf.constant(-1), ReduceSum.keepDims(true)));
  }

  /**
   * Keras's log-probabilities of logits: {@code log_softmax}. LogSoftmax's registered gradient
   * sums over axis 1, right only for [batch, classes]: a sequence output [batch, time, classes]
   * is flattened to rows first, as TensorFlow's own softmax_cross_entropy_with_logits does.
   */
  private static Operand<TFloat32> logSoftmax(Ops tf, Operand<TFloat32> logits) {
    Operand<TFloat32> rows = tf.reshape(logits, tf.constant(new long[] {-1,
        logits.shape().get(logits.shape().numDimensions() - 1)}));
    return tf.reshape(tf.nn.logSoftmax(rows), tf.shape(logits));
  }

  /**
   * Keras's log-probabilities of probabilities without their logits: the output scaled to sum to
   * 1 along the classes, clipped to [1e-7, 1 - 1e-7], and its log (keras/src/backend/numpy/nn.py).
   */
  private static Operand<TFloat32> clippedLog(Ops tf, Operand<TFloat32> output) {
    Operand<TFloat32> scaled = tf.math.div(output,
        tf.reduceSum(output, tf.constant(-1), ReduceSum.keepDims(true)));
    Operand<TFloat32> clipped = tf.clipByValue(scaled, tf.constant(BinaryCrossentropy.EPSILON),
        tf.constant(1f - BinaryCrossentropy.EPSILON));
    return tf.math.log(clipped);
  }
}
