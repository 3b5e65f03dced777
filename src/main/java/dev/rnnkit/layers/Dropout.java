package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * Keras {@code Dropout(rate, noise_shape=None, seed=None)}: at training each element is kept
 * with probability {@code 1-rate} and divided by {@code 1-rate}, the others set to 0; at
 * inference (evaluate, predict, every exported graph) the identity. No weights; a mask passes
 * through, as in Keras.
 *
 * @param noiseShape Keras's {@code noise_shape}, batch-major, an entry null where the input's own
 *     dimension is used (Keras's None): {@code [null, 1, null]} draws one mask per sequence and
 *     feature, the same at every step; null draws every element
 * @param seed Keras's {@code seed}, kept in the config and mixed into the draw (null: none); the
 *     masks are a function of the model's seed and the step either way (see {@link Noise})
 */
public record Dropout(String name, float rate, List<Integer> noiseShape, Integer seed)
    implements DropoutLayer {

  public Dropout {
    Noise.checkedRate(rate, name == null ? "Dropout rate" : "Dropout '" + name + "' rate");
    if (noiseShape != null) {
      for (Integer d : noiseShape) {
        if (d != null && d <= 0) {
          throw new IllegalArgumentException("Dropout '" + name + "' noise_shape " + noiseShape
              + " has a dimension <= 0: give positive sizes, or null for the input's own");
        }
      }
      noiseShape = Collections.unmodifiableList(new ArrayList<>(noiseShape));
    }
  }

  /** {@code Dropout(rate)}. */
  public Dropout(float rate) {
    this(null, rate, null, null);
  }

  @Override
  public Layer withName(String newName) {
    return new Dropout(newName, rate, noiseShape, seed);
  }

  @Override
  public String kerasClassName() {
    return "Dropout";
  }

  @Override
  public String defaultNamePrefix() {
    return "dropout";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (noiseShape != null && noiseShape.size() != inputShape.numDimensions()) {
      throw new IllegalArgumentException("Dropout '" + name + "' noise_shape " + noiseShape
          + " has " + noiseShape.size() + " dimensions but its input " + inputShape + " has "
          + inputShape.numDimensions() + ": give one entry per input dimension");
    }
    return inputShape;
  }

  @Override
  public List<Integer> noiseDims(int rank) {
    return noiseShape != null ? noiseShape : Collections.nCopies(rank, null);
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("rate", Noise.configRate(rate));
    config.put("seed", seed);
    config.put("noise_shape", noiseShape);
    return config;
  }
}
