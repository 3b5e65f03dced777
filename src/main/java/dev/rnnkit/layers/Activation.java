package dev.rnnkit.layers;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's activations, for Dense layers and (all but softmax) for the cells of recurrent layers.
 * Each is written with the same arithmetic as Keras 3's numpy backend, in ops that TensorFlow
 * can differentiate.
 */
public enum Activation {
  LINEAR,
  RELU,
  SIGMOID,
  TANH,
  SOFTMAX,
  /** Keras 3's {@code clip(x / 6 + 0.5, 0, 1)}; tf.keras 2's was {@code clip(0.2 x + 0.5, 0, 1)}. */
  HARD_SIGMOID,
  /** {@code x / (1 + |x|)}. */
  SOFTSIGN;

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
      case HARD_SIGMOID -> tf.math.minimum(tf.math.maximum(
          tf.math.add(tf.math.div(x, tf.constant(6f)), tf.constant(0.5f)), tf.constant(0f)),
          tf.constant(1f));
      case SOFTSIGN -> tf.math.div(x, tf.math.add(tf.constant(1f), tf.math.abs(x)));
    };
  }

  /** The name Keras uses in configs, e.g. {@code "relu"}. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a Keras activation name. */
  public static Activation fromKerasName(String name) {
    for (Activation a : values()) {
      if (a.kerasName().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "Unsupported activation '" + name + "'; supported: " + supportedNames());
  }

  /** The Keras names of every activation, comma-separated, for messages. */
  public static String supportedNames() {
    return String.join(", ", Arrays.stream(values()).map(Activation::kerasName).toList());
  }

  /** Applied element by element (softmax normalizes across units, so a gate cannot use it). */
  public boolean elementwise() {
    return this != SOFTMAX;
  }
}
