package dev.rnnkit.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code AveragePooling1D(pool_size, strides=None, padding='valid')}: the mean of each
 * feature over each window (see {@link Pooling1D}); strides default to the pool size. With
 * {@code padding='same'} a window cut short by the padding is the mean of the input steps it
 * holds (padding does not count), as TensorFlow's and Keras's numpy backend compute it.
 */
public record AveragePooling1D(String name, int poolSize, int strides, Padding padding)
    implements Pooling1D {

  public AveragePooling1D {
    padding = padding == null ? Padding.VALID : padding;
    Pooling1D.validate("AveragePooling1D '" + name + "'", poolSize, strides, padding);
  }

  /** {@code AveragePooling1D(pool_size)}: strides = pool_size, valid. */
  public AveragePooling1D(int poolSize) {
    this(null, poolSize, poolSize, Padding.VALID);
  }

  @Override
  public Layer withName(String newName) {
    return new AveragePooling1D(newName, poolSize, strides, padding);
  }

  @Override
  public String kerasClassName() {
    return "AveragePooling1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "average_pooling1d";
  }

  @Override
  public Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window,
      List<Long> strides, String padding) {
    return tf.nn.avgPool(image, window, strides, padding);
  }
}
