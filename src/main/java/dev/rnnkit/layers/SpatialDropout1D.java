package dev.rnnkit.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * Keras {@code SpatialDropout1D(rate, seed=None)} on sequences [batch, time, channels]: at
 * training one draw per (sequence, channel), the same at every time step (Keras's noise shape
 * {@code (batch, 1, channels)}): a kept channel is divided by {@code 1-rate}, a dropped one is 0
 * over the whole sequence. The identity at inference. No weights.
 */
public record SpatialDropout1D(String name, float rate, Integer seed) implements DropoutLayer {

  public SpatialDropout1D {
    Noise.checkedRate(rate, name == null ? "SpatialDropout1D rate"
        : "SpatialDropout1D '" + name + "' rate");
  }

  /** {@code SpatialDropout1D(rate)}. */
  public SpatialDropout1D(float rate) {
    this(null, rate, null);
  }

  @Override
  public Layer withName(String newName) {
    return new SpatialDropout1D(newName, rate, seed);
  }

  @Override
  public String kerasClassName() {
    return "SpatialDropout1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "spatial_dropout1d";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3) {
      throw new IllegalArgumentException("SpatialDropout1D '" + name + "' expects sequences"
          + " [batch, time, channels] (Keras's ndim=3), got " + inputShape
          + ": use Dropout on other shapes");
    }
    return inputShape;
  }

  /** One draw per (sequence, channel): Keras's noise shape (batch, 1, channels). */
  @Override
  public List<Integer> noiseDims(int rank) {
    return Arrays.asList(null, 1, null);
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("rate", Noise.configRate(rate));
    config.put("seed", seed);
    return config;
  }
}
