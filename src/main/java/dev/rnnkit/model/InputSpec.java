package dev.rnnkit.model;

import org.tensorflow.ndarray.Shape;

/**
 * The model's input: token ids [batch, timeSteps] (int32) or float features
 * [batch, timeSteps, features] (float32). Keras's {@code Input(shape=...)}; {@code timeSteps}
 * {@value #OPEN_LENGTH} is Keras's {@code None}: every batch may have another length.
 */
public record InputSpec(String name, int timeSteps, int features) {

  /** The time steps of an open-length input, Keras's {@code shape=(None, ...)}. */
  public static final int OPEN_LENGTH = -1;

  public InputSpec {
    if (timeSteps <= 0 && timeSteps != OPEN_LENGTH) {
      throw new IllegalArgumentException("Input needs a positive number of time steps (or"
          + " InputSpec.OPEN_LENGTH for any length), got " + timeSteps);
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

  /** Token ids of any length per batch, Keras's {@code Input(shape=(None,))}. */
  public static InputSpec openTokens() {
    return tokens(OPEN_LENGTH);
  }

  /** Float vectors of any length per batch, Keras's {@code Input(shape=(None, features))}. */
  public static InputSpec openFeatures(int features) {
    return features(OPEN_LENGTH, features);
  }

  /** Whether batches may have any number of time steps. */
  public boolean isOpenLength() {
    return timeSteps == OPEN_LENGTH;
  }

  /** This input with {@code steps} time steps (a graph for one length of an open input). */
  public InputSpec withTimeSteps(int steps) {
    return new InputSpec(name, steps, features);
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
