package dev.rnnkit.model;

import java.util.Arrays;

/**
 * A weight's value: its full name ({@code layer/weight}, e.g. {@code lstm/kernel}), shape and
 * row-major float values.
 */
public record Weight(String name, long[] shape, float[] values) {

  public Weight {
    shape = shape.clone();
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "Weight " + name + " of shape " + Arrays.toString(shape) + " needs " + n
              + " values, got " + values.length);
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The layer part of the name: the model's layer, up to the first '/'. A wrapper's weight has a
   * path inside its layer ({@code bidirectional/forward_gru/kernel} is layer
   * {@code bidirectional}'s).
   */
  public String layerName() {
    return name.substring(0, name.indexOf('/'));
  }

  /** The weight's own name, after the last '/', e.g. {@code kernel}, as Keras names it. */
  public String shortName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Weight w
        && name.equals(w.name)
        && Arrays.equals(shape, w.shape)
        && Arrays.equals(values, w.values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
