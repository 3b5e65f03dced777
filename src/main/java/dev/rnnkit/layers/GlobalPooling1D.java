package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code GlobalMaxPooling1D} and {@code GlobalAveragePooling1D} share (Keras's
 * {@code BaseGlobalPooling}): sequences [batch, time, features] pooled over time into
 * [batch, features], with Keras's {@code data_format='channels_last'} and
 * {@code keepdims=False}. No weights. The output has no time axis, so no mask goes on.
 */
public sealed interface GlobalPooling1D extends Layer
    permits GlobalMaxPooling1D, GlobalAveragePooling1D {

  /** Pools {@code x} over its time axis ({@code layout.timeAxis()}); {@code mask} may be null. */
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, SequenceLayout layout,
      Operand<TFloat32> mask);

  @Override
  default Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3 || inputShape.get(2) <= 0) {
      throw new IllegalArgumentException(kerasClassName() + " '" + name()
          + "' expects sequences [batch, time, features] with known features, got " + inputShape
          + "; put it after a layer that returns sequences (return_sequences=True)");
    }
    return Shape.of(-1, inputShape.get(2));
  }

  @Override
  default List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  /** Pooling reduces the time axis wherever it is, so it takes either layout. */
  @Override
  default boolean acceptsTimeMajor() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return pool(tf, (Operand<TFloat32>) input, layout, null);
  }

  @Override
  @SuppressWarnings("unchecked")
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return pool(tf, (Operand<TFloat32>) input, layout, mask);
  }

  /** The mask is consumed: the pooled output has no steps left to mask. */
  @Override
  default Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return null;
  }

  /** One comparison or addition per input value. */
  @Override
  default long forwardFlopsPerSample(Shape inputShape) {
    return Math.max(1, inputShape.get(1)) * inputShape.get(2);
  }

  @Override
  default Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name());
    config.put("data_format", "channels_last");
    config.put("keepdims", false);
    return config;
  }
}
