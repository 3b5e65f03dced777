package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
    implements Layer {

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
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  /** Dropout is elementwise, so it takes either layout. */
  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  /** The identity: Keras's {@code training=False}. */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return castFloat(input);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    Operand<TFloat32> x = castFloat(input);
    if (noise == null || rate == 0) {
      return x;
    }
    List<Integer> dims = noiseShape == null
        ? Collections.nCopies(inputShape.numDimensions(), null) : inLayout(noiseShape, layout);
    return noise.drop(tf, x, Noise.noiseShape(tf, x, dims), rate, maskKey(name, seed));
  }

  /** A batch-major noise shape of a sequence, given time-major rows: batch and time swapped. */
  static List<Integer> inLayout(List<Integer> batchMajor, SequenceLayout layout) {
    if (layout != SequenceLayout.TIME_MAJOR || batchMajor.size() != 3) {
      return batchMajor;
    }
    List<Integer> swapped = new ArrayList<>(batchMajor);
    Collections.swap(swapped, 0, 1);
    return swapped;
  }

  /** The key of a dropout layer's mask: its name, and its own seed when it has one. */
  static String maskKey(String name, Integer seed) {
    return seed == null ? name : name + "#seed=" + seed;
  }

  @SuppressWarnings("unchecked")
  static Operand<TFloat32> castFloat(Operand<?> input) {
    if (!(input.asOutput().type() == TFloat32.class)) {
      throw new IllegalArgumentException("Dropout takes float inputs; put it after the"
          + " Embedding, not on token ids");
    }
    return (Operand<TFloat32>) input;
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return 0;
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
