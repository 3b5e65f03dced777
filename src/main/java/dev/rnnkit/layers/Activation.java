package dev.rnnkit.layers;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's activations for Dense layers. */
public enum Activation {
  LINEAR,
  RELU,
  SIGMOID,
  TANH,
  SOFTMAX;

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
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
        "Unsupported activation '" + name + "'; supported: linear, relu, sigmoid, tanh, softmax");
  }
}
