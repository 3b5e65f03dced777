package dev.rnnkit.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code MaxPooling1D(pool_size=2, strides=None, padding='valid')}: the maximum of each
 * feature over each window (see {@link Pooling1D}); strides default to the pool size.
 */
public record MaxPooling1D(String name, int poolSize, int strides, Padding padding)
    implements Pooling1D {

  public MaxPooling1D {
    padding = padding == null ? Padding.VALID : padding;
    Pooling1D.validate("MaxPooling1D '" + name + "'", poolSize, strides, padding);
  }

  /** Keras's defaults: {@code MaxPooling1D()}, windows of 2 steps, 2 apart. */
  public MaxPooling1D() {
    this(2);
  }

  /** {@code MaxPooling1D(pool_size)}: strides = pool_size, valid. */
  public MaxPooling1D(int poolSize) {
    this(null, poolSize, poolSize, Padding.VALID);
  }

  @Override
  public Layer withName(String newName) {
    return new MaxPooling1D(newName, poolSize, strides, padding);
  }

  @Override
  public String kerasClassName() {
    return "MaxPooling1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "max_pooling1d";
  }

  @Override
  public Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window,
      List<Long> strides, String padding) {
    return tf.nn.maxPool(image, tf.constant(window.stream().mapToInt(Long::intValue).toArray()),
        tf.constant(strides.stream().mapToInt(Long::intValue).toArray()), padding);
  }
}
