package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Flatten()} ({@code data_format='channels_last'}): sequences [batch, time,
 * features] to [batch, time * features], each row's steps one after another; a [batch, features]
 * input passes unchanged. No weights.
 *
 * <p>The flattened width must be known, so the number of time steps must be: Keras gives an
 * open length a {@code None} width, which no layer after it (Dense) can take, so this layer
 * refuses it. The output has no time axis, so no mask goes on (Keras's Flatten drops it).
 */
public record Flatten(String name) implements Layer {

  public Flatten() {
    this(null);
  }

  @Override
  public Layer withName(String newName) {
    return new Flatten(newName);
  }

  @Override
  public String kerasClassName() {
    return "Flatten";
  }

  @Override
  public String defaultNamePrefix() {
    return "flatten";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    int rank = inputShape.numDimensions();
    if (rank == 2 && inputShape.get(1) > 0) {
      return inputShape;
    }
    if (rank != 3 || inputShape.get(2) <= 0) {
      throw new IllegalArgumentException("Flatten '" + name + "' expects [batch, time, features]"
          + " or [batch, features] with known features, got " + inputShape);
    }
    if (inputShape.get(1) < 0) {
      throw new IllegalArgumentException("Flatten '" + name + "' needs a known number of time"
          + " steps (its output width is time * features), but the length is open; give the"
          + " model a fixed length (Keras: Input(shape=(steps, features)); RNNKit: import with"
          + " --time-steps N, train with --max-length N)");
    }
    return Shape.of(-1, inputShape.get(1) * inputShape.get(2));
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    Operand<TFloat32> x = (Operand<TFloat32>) input;
    if (inputShape.numDimensions() == 2) {
      return x;
    }
    return tf.reshape(x, tf.constant(new long[] {-1, outputShape(inputShape).get(1)}));
  }

  /** Flattening mixes steps into one row: padding would move the real steps' columns. */
  @Override
  public boolean mixesStepsIgnoringMask() {
    return true;
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return 0;
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("data_format", "channels_last");
    return config;
  }
}
