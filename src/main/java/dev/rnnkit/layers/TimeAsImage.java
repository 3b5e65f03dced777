package dev.rnnkit.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * Sequences [batch, time, channels] as images [batch, 1, time, channels] (NHWC) and back, so
 * that TensorFlow's 2D convolution and pooling kernels, whose gradients TF Java has, slide a 1D
 * window over time (as TensorFlow's own {@code conv1d} does).
 */
final class TimeAsImage {

  private TimeAsImage() {}

  static Operand<TFloat32> toImage(Ops tf, Operand<TFloat32> sequences) {
    return tf.expandDims(sequences, tf.constant(1));
  }

  static Operand<TFloat32> toSequences(Ops tf, Operand<TFloat32> image) {
    return tf.squeeze(image, Squeeze.axis(List.of(1L)));
  }

  /** An NHWC size or stride list that is {@code n} along time (width) and 1 elsewhere. */
  static List<Long> alongTime(int n) {
    return List.of(1L, 1L, (long) n, 1L);
  }

  /** Refuses a window size, stride or dilation below 1, naming the Keras argument. */
  static void requirePositive(int value, String argument, String layer) {
    if (value <= 0) {
      throw new IllegalArgumentException(layer + " needs a positive " + argument + ", got "
          + value);
    }
  }
}
