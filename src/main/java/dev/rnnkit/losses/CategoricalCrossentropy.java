package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code categorical_crossentropy}: labels are one-hot or probability vectors over the
 * output's classes, and each position's loss is {@code -sum(y * log p)}, p being the softmax of
 * the output from logits, or the output scaled to sum to 1 and clipped to [1e-7, 1 - 1e-7] (see
 * {@link ClassCrossentropy}).
 */
final class CategoricalCrossentropy extends ClassCrossentropy {

  CategoricalCrossentropy(boolean fromLogits) {
    super(fromLogits);
  }

  @Override
  public String kerasName() {
    return "categorical_crossentropy";
  }

  @Override
  public boolean isCategorical() {
    return true;
  }

  /** The label vectors themselves: [batch, classes], or [batch, 1, classes] for sequences. */
  @Override
  Operand<TFloat32> targets(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output) {
    return labels;
  }
}
