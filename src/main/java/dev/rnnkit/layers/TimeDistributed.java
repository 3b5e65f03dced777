package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code TimeDistributed(Dense(...))}: the wrapped Dense applied to every time step of a
 * sequence [batch, time, features]. Dense already works on the last axis, so this computes
 * exactly what the Dense computes; only the names differ.
 *
 * <p>As in Keras 3: the input must be a sequence (rank 3); the mask passes through unchanged
 * (TimeDistributed {@code supports_masking}, and Dense takes no mask), so a masked step's output
 * is the Dense of that step's input.
 *
 * <p>Weights: the Dense's, named {@code <dense name>/kernel} and {@code <dense name>/bias} within
 * this layer ({@code time_distributed/dense/kernel}, Keras's variable path).
 */
public final class TimeDistributed implements Layer {

  private final String name;
  private final Dense layer;

  /**
   * @param layer the Dense applied at every step; unnamed, it is named after its type
   *     ({@code dense})
   */
  public TimeDistributed(String name, Dense layer) {
    Objects.requireNonNull(layer, "layer");
    this.name = name;
    this.layer = layer.name() == null ? (Dense) layer.withName(layer.defaultNamePrefix()) : layer;
  }

  public TimeDistributed(Dense layer) {
    this(null, layer);
  }

  @Override
  public String name() {
    return name;
  }

  /** The wrapped Dense. */
  public Dense layer() {
    return layer;
  }

  @Override
  public Layer withName(String newName) {
    return new TimeDistributed(newName, layer);
  }

  @Override
  public String kerasClassName() {
    return "TimeDistributed";
  }

  @Override
  public String defaultNamePrefix() {
    return "time_distributed";
  }

  /** Keras's TimeDistributed takes inputs of rank 3 or more; RNNKit's sequences are rank 3. */
  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3) {
      throw new IllegalArgumentException("TimeDistributed '" + name + "' needs a sequence"
          + " [batch, time, features], got " + inputShape);
    }
    return layer.outputShape(inputShape);
  }

  /** The Dense's kernel and bias, under the Dense's name. */
  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    List<WeightSpec> specs = new ArrayList<>();
    for (WeightSpec spec : layer.weightSpecs(inputShape)) {
      specs.add(new WeightSpec(layer.name() + "/" + spec.name(), spec.shape(),
          spec.initializer()));
    }
    return specs;
  }

  /** Dense works on the last axis, so either layout. */
  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    outputShape(inputShape);
    return layer.call(tf, input, inputShape, w -> weights.get(layer.name() + "/" + w), layout);
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return layer.forwardFlopsPerSample(inputShape);
  }

  /** Keras's {@code layer}: the Dense as {@code {"class_name": "Dense", "config": ...}}. */
  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("class_name", layer.kerasClassName());
    inner.put("config", layer.kerasConfig());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("layer", inner);
    return config;
  }
}
