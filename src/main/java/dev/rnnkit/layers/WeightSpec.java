package dev.rnnkit.layers;

import java.util.Arrays;

/**
 * One weight a layer creates: its short Keras name ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}, {@code embeddings}), shape and initializer.
 */
public record WeightSpec(String name, long[] shape, Initializer initializer) {

  public WeightSpec {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
