package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code categorical_crossentropy}: labels are one-hot or probability vectors over the
 * output's classes, and each position's loss is {@code -sum(y * log p)}, p being the softmax of
 * the output from logits, or the output scaled to sum to 1 and clipped to [1e-7, 1 - 1e-7] (see
 * {@link ClassProbabilities}).
 */
final class CategoricalCrossentropy implements Loss {

  private final boolean fromLogits;

  CategoricalCrossentropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public String kerasName() {
    return "categorical_crossentropy";
  }

  @Override
  public boolean isBinaryClassification() {
    return false;
  }

  @Override
  public boolean isCategorical() {
    return true;
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  /**
   * The loss of every position as [..., 1] (the class axis summed away, kept with size 1);
   * labels [batch, classes] broadcast over a sequence output's steps as [batch, 1, classes].
   */
  @Override
  public Operand<TFloat32> elementwise(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    return ClassProbabilities.crossEntropy(tf, labels,
        ClassProbabilities.log(tf, output, fromLogits));
  }
}
