package dev.rnnkit.layers;

import java.util.random.RandomGenerator;

/** Produces a weight's initial values (row-major) for its shape from a random generator. */
@FunctionalInterface
public interface Initializer {
  float[] initialize(long[] shape, RandomGenerator random);
}
