package dev.rnnkit.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A training loss: the mean over every output element of a per-element loss. */
public interface Loss {

  /** Keras's name, e.g. {@code binary_crossentropy}. */
  String kerasName();

  /**
   * The scalar loss. {@code labels} broadcasts against the output (one label, or one label
   * vector, per sequence is given to every time step of a sequence output). {@code logits} are
   * the output before its sigmoid when the last layer is a sigmoid Dense, else null.
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

  /**
   * Whether labels are vectors over the output's classes (one-hot or probabilities, one value
   * per output unit), and Keras's categorical accuracy is reported.
   */
  default boolean isCategorical() {
    return false;
  }

  /**
   * Keras's {@code from_logits}: whether the model's output is read as logits (a final Dense
   * with a linear activation) rather than as probabilities.
   */
  default boolean fromLogits() {
    return false;
  }

  /**
   * The loss as Keras 3 serializes it in a {@code compile_config}: its name (a String) when it
   * has Keras's default options, as {@code loss="binary_crossentropy"} writes it, else a Map in
   * Keras's order ({@code module, class_name, config, registered_name}) as {@code
   * loss=keras.losses.BinaryCrossentropy(from_logits=True)} writes it. Jackson writes either.
   */
  default Object kerasSerialized() {
    return KerasLossConfig.serialize(this);
  }

  /**
   * How {@code rnnkit.json} names the loss: {@link #kerasName()}, with {@code :from_logits}
   * appended for a loss from logits. {@link #fromConfigName} reads it back.
   */
  default String configName() {
    return fromLogits() ? kerasName() + KerasLossConfig.FROM_LOGITS_SUFFIX : kerasName();
  }

  static Loss binaryCrossentropy() {
    return binaryCrossentropy(false);
  }

  /**
   * Keras's {@code BinaryCrossentropy(from_logits=...)}; from logits it expects a final Dense with
   * a linear activation (one unit).
   */
  static Loss binaryCrossentropy(boolean fromLogits) {
    return new BinaryCrossentropy(fromLogits);
  }

  static Loss meanSquaredError() {
    return new MeanSquaredError();
  }

  static Loss meanAbsoluteError() {
    return new MeanAbsoluteError();
  }

  /** Keras's {@code sparse_categorical_crossentropy} on a softmax output (not from logits). */
  static Loss sparseCategoricalCrossentropy() {
    return sparseCategoricalCrossentropy(false);
  }

  /**
   * Keras's {@code SparseCategoricalCrossentropy(from_logits=...)}: labels are class indices;
   * from logits it expects a final Dense with a linear activation (one unit per class).
   */
  static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
    return new SparseCategoricalCrossentropy(fromLogits);
  }

  /** Keras's {@code categorical_crossentropy} on a softmax output (not from logits). */
  static Loss categoricalCrossentropy() {
    return categoricalCrossentropy(false);
  }

  /**
   * Keras's {@code CategoricalCrossentropy(from_logits=...)}: labels are one-hot or probability
   * vectors (see {@code SequenceData.withLabelVectors}); from logits it expects a final Dense
   * with a linear activation (one unit per class).
   */
  static Loss categoricalCrossentropy(boolean fromLogits) {
    return new CategoricalCrossentropy(fromLogits);
  }

  /** Parses a Keras loss name, with Keras's default options ({@code from_logits=False}). */
  static Loss fromKerasName(String name) {
    return fromKerasName(name, false);
  }

  /**
   * Parses a Keras loss name with {@code from_logits}, which only the three cross-entropies take.
   *
   * @throws IllegalArgumentException for an unknown name, or from_logits with a regression loss
   */
  static Loss fromKerasName(String name, boolean fromLogits) {
    Loss loss = switch (name) {
      case "binary_crossentropy" -> binaryCrossentropy(fromLogits);
      case "categorical_crossentropy" -> categoricalCrossentropy(fromLogits);
      case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(fromLogits);
      case "mse", "mean_squared_error" -> meanSquaredError();
      case "mae", "mean_absolute_error" -> meanAbsoluteError();
      default -> throw new IllegalArgumentException("Unsupported loss '" + name + "'; supported:"
          + " binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,"
          + " mean_squared_error, mean_absolute_error");
    };
    if (fromLogits && !loss.fromLogits()) {
      throw new IllegalArgumentException("Loss '" + name + "' has no from_logits option: only"
          + " binary_crossentropy, categorical_crossentropy and sparse_categorical_crossentropy"
          + " take one");
    }
    return loss;
  }

  /** Reads {@link #configName()} back. */
  static Loss fromConfigName(String name) {
    String suffix = KerasLossConfig.FROM_LOGITS_SUFFIX;
    return name.endsWith(suffix)
        ? fromKerasName(name.substring(0, name.length() - suffix.length()), true)
        : fromKerasName(name);
  }

  /**
   * Reads a loss as a Keras 3 {@code compile_config} holds it: a name, or a serialized loss
   * object's {@code class_name} (e.g. {@code CategoricalCrossentropy}) and {@code config}.
   * Options RNNKit does not implement (label_smoothing, axis other than -1, ignore_class,
   * reduction other than sum_over_batch_size) are refused by name.
   */
  static Loss fromKerasConfig(String className, Map<String, ?> config) {
    return KerasLossConfig.deserialize(className, config);
  }
}
