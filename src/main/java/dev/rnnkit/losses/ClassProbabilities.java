package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code categorical_crossentropy} and {@code sparse_categorical_crossentropy} share:
 * the log-probabilities of the classes (the last axis) and the cross-entropy of a target
 * distribution against them.
 */
final class ClassProbabilities {

  private ClassProbabilities() {}

  /**
   * Keras's log-probabilities of an output: {@code log_softmax(output)} from logits; from
   * probabilities, the output scaled to sum to 1 along the classes, clipped to [1e-7, 1 - 1e-7],
   * and its log (keras/src/backend/numpy/nn.py).
   */
  static Operand<TFloat32> log(Ops tf, Operand<TFloat32> output, boolean fromLogits) {
    if (fromLogits) {
      // LogSoftmax's registered gradient sums over axis 1, right only for [batch, classes]: a
      // sequence output [batch, time, classes] is flattened to rows first, as TensorFlow's own
      // softmax_cross_entropy_with_logits does.
      Operand<TFloat32> rows = tf.reshape(output, tf.constant(new long[] {-1,
          output.shape().get(output.shape().numDimensions() - 1)}));
      return tf.reshape(tf.nn.logSoftmax(rows), tf.shape(output));
    }
    Operand<TFloat32> scaled = tf.math.div(output,
        tf.reduceSum(output, tf.constant(-1), ReduceSum.keepDims(true)));
    Operand<TFloat32> clipped = tf.clipByValue(scaled, tf.constant(BinaryCrossentropy.EPSILON),
        tf.constant(1f - BinaryCrossentropy.EPSILON));
    return tf.math.log(clipped);
  }

  /**
   * {@code -sum(target * log_prob)} over the classes, kept as an axis of size 1 ([..., 1]) so
   * that a mask's mean over the last axis leaves each position's loss as is.
   */
  static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> target,
      Operand<TFloat32> logProbabilities) {
    return tf.math.neg(tf.reduceSum(tf.math.mul(target, logProbabilities), tf.constant(-1),
        ReduceSum.keepDims(true)));
  }
}
