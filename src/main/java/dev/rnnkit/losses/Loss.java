package dev.rnnkit.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A training loss: the mean over every output element of a per-element loss. */
public interface Loss {

  /** Keras's name, e.g. {@code binary_crossentropy}. */
  String kerasName();

  /**
   * The scalar loss. {@code labels} broadcasts against the output (one label per sequence is
   * given to every time step of a sequence output). {@code logits} are the output before its
   * sigmoid when the last layer is a sigmoid Dense, else null.
   */
  default Operand<TFloat32> build(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    Ops loss = tf.withSubScope(kerasName());
    Operand<TFloat32> perElement = elementwise(loss, labels, output, logits);
    return loss.math.mean(perElement,
        loss.range(loss.constant(0), loss.rank(perElement), loss.constant(1)));
  }

  /**
   * The loss of every output element (before any mean), shaped as the output; arguments as for
   * {@link #build}. A masked sequence output averages these over its unmasked steps.
   */
  Operand<TFloat32> elementwise(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits);

  /**
   * The gradient of {@link #build}'s loss with respect to the forward pass's logits, written
   * out, or null to let TensorFlow differentiate the loss. Written out it is a couple of ops
   * where TensorFlow's derivation of a mean over a formula is dozens of small ones, all on the
   * training step's critical path.
   */
  default Operand<TFloat32> logitsGradient(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output, Operand<TFloat32> logits) {
    return null;
  }

  /** Whether labels must be 0 or 1 and binary accuracy is reported. */
  boolean isBinaryClassification();

  /**
   * Whether labels are class indices of a probability output over classes (the last axis), and
   * Keras's sparse categorical accuracy is reported.
   */
  default boolean isSparseCategorical() {
    return false;
  }

  static Loss binaryCrossentropy() {
    return new BinaryCrossentropy();
  }

  static Loss meanSquaredError() {
    return new MeanSquaredError();
  }

  static Loss meanAbsoluteError() {
    return new MeanAbsoluteError();
  }

  /** Keras's {@code sparse_categorical_crossentropy} on a softmax output (not from logits). */
  static Loss sparseCategoricalCrossentropy() {
    return new SparseCategoricalCrossentropy();
  }

  /**
   * Parses a Keras loss name with {@code from_logits}. Until the losses that take logits exist
   * here, only {@code from_logits=False} is accepted (the losses branch replaces this method).
   */
  static Loss fromKerasName(String name, boolean fromLogits) {
    if (fromLogits) {
      throw new IllegalArgumentException("Loss '" + name + "' with from_logits=True is not"
          + " supported: RNNKit's losses take probabilities; end the model with a sigmoid or"
          + " softmax and use from_logits=False");
    }
    return fromKerasName(name);
  }

  /** Parses a Keras loss name. */
  static Loss fromKerasName(String name) {
    return switch (name) {
      case "binary_crossentropy" -> binaryCrossentropy();
      case "mse", "mean_squared_error" -> meanSquaredError();
      case "mae", "mean_absolute_error" -> meanAbsoluteError();
      case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy();
      default -> throw new IllegalArgumentException("Unsupported loss '" + name + "'; supported:"
          + " binary_crossentropy, sparse_categorical_crossentropy, mean_squared_error,"
          + " mean_absolute_error");
    };
  }
}
