package dev.rnnkit.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The graph tensors holding one layer's weights, looked up by their short Keras name. */
@FunctionalInterface
public interface LayerWeights {
  /**
   * @param weightName a name from the layer's {@link WeightSpec}s, e.g. {@code "kernel"}
   */
  Operand<TFloat32> get(String weightName);
}
