package dev.rnnkit.model;

import org.tensorflow.ndarray.Shape;

/**
 * The model's input: token ids [batch, timeSteps] (int32) or float features
 * [batch, timeSteps, features] (float32). Keras's {@code Input(shape=...)}.
 */
public record InputSpec(String name, int timeSteps, int features) {

  public InputSpec {
    if (timeSteps <= 0) {
      throw new IllegalArgumentException("Input needs a positive number of time steps, got " + timeSteps);
    }
    if (features < 0) {
      throw new IllegalArgumentException("Input features must be >= 0, got " + features);
    }
    if (name == null || name.isBlank()) {
      name = "input_layer";
    }
  }

  /** Token ids of {@code timeSteps} per sequence. */
  public static InputSpec tokens(int timeSteps) {
    return new InputSpec(null, timeSteps, 0);
  }

  /** Float vectors of {@code features} at each of {@code timeSteps}. */
  public static InputSpec features(int timeSteps, int features) {
    if (features <= 0) {
      throw new IllegalArgumentException("Float inputs need at least one feature, got " + features);
    }
    return new InputSpec(null, timeSteps, features);
  }

  public boolean isTokens() {
    return features == 0;
  }

  /** Shape with the batch dimension as -1. */
  public Shape shape() {
    return isTokens() ? Shape.of(-1, timeSteps) : Shape.of(-1, timeSteps, features);
  }

  public String dtypeName() {
    return isTokens() ? "int32" : "float32";
  }
}
