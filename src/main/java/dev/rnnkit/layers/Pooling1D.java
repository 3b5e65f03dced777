package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code MaxPooling1D} and {@code AveragePooling1D} share (Keras's
 * {@code BasePooling}): a window of {@code pool_size} steps slid over time by {@code strides}
 * steps (Keras's default: {@code pool_size}), each feature pooled on its own, sequences
 * [batch, time, features] to [batch, pooled time, features], {@code data_format='channels_last'}.
 * With {@code padding='same'} the windows at the ends are cut short by the padding (TensorFlow's
 * split, the extra step at the end), and only the input steps inside count. No weights.
 *
 * <p>Keras's poolings do not support masking: they drop the mask (Keras warns), and so do these.
 */
public sealed interface Pooling1D extends Layer permits MaxPooling1D, AveragePooling1D {

  int poolSize();

  int strides();

  Padding padding();

  /** Pools the image [batch, 1, time, features] with TensorFlow's 2D pooling kernel. */
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window, List<Long> strides,
      String padding);

  /** Checks a pooling's arguments as Keras does; {@code padding} may not be causal. */
  static void validate(String layer, int poolSize, int strides, Padding padding) {
    TimeAsImage.requirePositive(poolSize, "pool_size", layer);
    TimeAsImage.requirePositive(strides, "strides", layer);
    if (padding == Padding.CAUSAL) {
      throw new IllegalArgumentException(layer + ": padding 'causal' is Conv1D's only; use"
          + " 'valid' or 'same'");
    }
  }

  @Override
  default Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3 || inputShape.get(2) <= 0) {
      throw new IllegalArgumentException(kerasClassName() + " '" + name() + "' expects sequences"
          + " [batch, time, features] with known features, got " + inputShape
          + "; put it after a layer that returns sequences");
    }
    long steps = padding().outputSteps(inputShape.get(1), poolSize(), strides(), 1,
        kerasClassName() + " '" + name() + "'");
    return Shape.of(-1, steps, inputShape.get(2));
  }

  @Override
  default List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  @Override
  @SuppressWarnings("unchecked")
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    Operand<TFloat32> image = TimeAsImage.toImage(tf, (Operand<TFloat32>) input);
    return TimeAsImage.toSequences(tf, pool(tf, image, TimeAsImage.alongTime(poolSize()),
        TimeAsImage.alongTime(strides()), padding() == Padding.SAME ? "SAME" : "VALID"));
  }

  /** Keras's poolings drop the mask. */
  @Override
  default Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return null;
  }

  @Override
  default boolean mixesStepsIgnoringMask() {
    return true;
  }

  /** One comparison or addition per value in each window. */
  @Override
  default long forwardFlopsPerSample(Shape inputShape) {
    return Math.max(1, outputShape(inputShape).get(1)) * poolSize() * inputShape.get(2);
  }

  @Override
  default Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name());
    config.put("pool_size", List.of(poolSize()));
    config.put("padding", padding().kerasName());
    config.put("strides", List.of(strides()));
    config.put("data_format", "channels_last");
    return config;
  }
}
