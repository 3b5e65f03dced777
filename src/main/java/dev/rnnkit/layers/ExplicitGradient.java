package dev.rnnkit.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer that writes its own backward pass instead of leaving it to TensorFlow's automatic
 * differentiation: an RNN whose backpropagation through time is cheaper by hand (a few ops per
 * step, the rest as large MatMuls over all steps), or a lookup whose gradient is a set of rows.
 * A model's training graph asks TensorFlow for the gradient at the layer's output, then continues
 * below the layer from the input gradient the layer returns.
 */
public interface ExplicitGradient extends Layer {

  /** Whether this configuration has a hand-written backward pass (else TensorFlow derives it). */
  default boolean hasExplicitGradient() {
    return true;
  }

  /**
   * Builds the forward pass like {@link #call(Ops, Operand, Shape, LayerWeights, SequenceLayout)},
   * keeping what the backward pass needs; gradients are laid out like the tensors they belong to.
   */
  Pass forwardPass(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights, SequenceLayout layout);

  /**
   * As {@link #forwardPass(Ops, Operand, Shape, LayerWeights, SequenceLayout)} in a training
   * graph whose dropout masks come from {@code noise} (null: none); the backward pass includes
   * the masks. By default the layer has no dropout.
   */
  default Pass forwardPass(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Noise noise) {
    return forwardPass(tf, input, inputShape, weights, layout);
  }

  /** One built forward pass. */
  interface Pass {

    Operand<TFloat32> output();

    /** Builds the backward pass from the gradient at {@link #output()}. */
    Backward backward(Ops tf, Operand<TFloat32> outputGradient);
  }

  /**
   * @param inputGradient the gradient at the layer's input; null where the input is not
   *     differentiable (token ids)
   * @param weights the gradient of each weight, by its short name
   */
  record Backward(Operand<TFloat32> inputGradient, Map<String, WeightGradient> weights) {}
}
