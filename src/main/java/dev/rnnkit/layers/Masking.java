package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Any;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Masking(mask_value)} on float sequences [batch, time, features]: a step whose
 * every feature equals {@code mask_value} is masked for the layers after, and its output is 0
 * in every feature; other steps pass unchanged. No weights.
 */
public record Masking(String name, float maskValue) implements Layer {

  public Masking {
    if (!Float.isFinite(maskValue)) {
      throw new IllegalArgumentException("Masking needs a finite mask_value, got " + maskValue);
    }
  }

  public Masking(float maskValue) {
    this(null, maskValue);
  }

  @Override
  public Layer withName(String newName) {
    return new Masking(newName, maskValue);
  }

  @Override
  public String kerasClassName() {
    return "Masking";
  }

  @Override
  public String defaultNamePrefix() {
    return "masking";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3 || inputShape.get(2) <= 0) {
      throw new IllegalArgumentException("Masking '" + name
          + "' expects float sequences [batch, time, features], got " + inputShape);
    }
    return inputShape;
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  /** Masking works step by step, so it takes either layout. */
  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    Operand<TFloat32> x = (Operand<TFloat32>) input;
    return tf.math.mul(x, tf.expandDims(mask(tf, x), tf.constant(-1)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return mask(tf, (Operand<TFloat32>) input);
  }

  /** 1 where any feature differs from {@code mask_value}: [batch, time] in the input's layout. */
  private Operand<TFloat32> mask(Ops tf, Operand<TFloat32> x) {
    return tf.dtypes.cast(tf.any(tf.math.notEqual(x, tf.constant(maskValue)),
        tf.constant(-1), Any.keepDims(false)), TFloat32.class);
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return 0;
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("mask_value", (double) maskValue);
    return config;
  }
}
