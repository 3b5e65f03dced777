package dev.rnnkit.layers;

import java.util.Locale;

/**
 * Keras's {@code padding} of a window that slides over time (a {@link Conv1D} kernel, a
 * {@link Pooling1D} pool), as TensorFlow and Keras's numpy backend compute it.
 */
public enum Padding {
  /** No padding: only windows that fit inside the sequence. */
  VALID,
  /**
   * Zeros (for pooling: nothing) around the sequence so that {@code ceil(steps / strides)}
   * windows fit; of an odd total, the extra step goes at the end (TensorFlow's split).
   */
  SAME,
  /**
   * Conv1D only: {@code dilation_rate * (kernel_size - 1)} zeros before the sequence and none
   * after, so output step t never sees input after t.
   */
  CAUSAL;

  /** The name Keras writes in configs, e.g. {@code "same"}. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses Keras's name. Conv1D reads it in any case (Keras lower-cases it) and takes
   * {@code causal}; the poolings take {@code valid} and {@code same} as written.
   *
   * @param layer the layer's class and name for the message, e.g. {@code "Conv1D 'conv1d'"}
   */
  public static Padding fromKerasName(String name, String layer, boolean convolution) {
    String key = convolution && name != null ? name.toLowerCase(Locale.ROOT) : name;
    for (Padding p : values()) {
      if (p.kerasName().equals(key) && (convolution || p != CAUSAL)) {
        return p;
      }
    }
    throw new IllegalArgumentException(layer + ": padding '" + name + "' is not supported; use "
        + (convolution ? "'valid', 'same' or 'causal'" : "'valid' or 'same'"));
  }

  /**
   * Keras's output length ({@code compute_conv_output_shape}, {@code
   * compute_pooling_output_shape}) for {@code steps} input steps, -1 (open) staying open.
   *
   * @throws IllegalArgumentException if no valid window fits, as Keras refuses it
   */
  long outputSteps(long steps, int window, int strides, int dilation, String layer) {
    if (steps < 0) {
      return -1;
    }
    if (this != VALID) {
      return (steps - 1) / strides + 1;
    }
    long span = (long) dilation * (window - 1) + 1;
    if (steps < span) {
      throw new IllegalArgumentException(layer + " with padding 'valid' needs at least " + span
          + " time steps for its window, got " + steps + "; use padding='same' or longer"
          + " sequences");
    }
    return (steps - span) / strides + 1;
  }
}
