package dev.rnnkit.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A Keras-style layer: an immutable configuration that declares its weights ({@link #weightSpecs})
 * and computes its output from its input and those weights ({@link #call}).
 *
 * <p>Weights are not held by the layer itself but by the graph that a model builds, so the same
 * layer configuration can be built into a training graph and into an export graph.
 */
public interface Layer {

  /** The layer's unique name inside its model, e.g. {@code "lstm"} or {@code "dense_1"}. */
  String name();

  /** A copy of this layer under another name. */
  Layer withName(String name);

  /** Keras's class name, e.g. {@code "LSTM"}. */
  String kerasClassName();

  /** Prefix Keras uses to name unnamed layers of this type, e.g. {@code "lstm"}. */
  String defaultNamePrefix();

  /**
   * Output shape for an input shape; both include the batch dimension as -1, and an open
   * number of time steps (Keras's {@code None}) as -1 too.
   *
   * @throws IllegalArgumentException if the layer cannot take that input
   */
  Shape outputShape(Shape inputShape);

  /** The weights this layer creates for an input shape, in Keras's order. */
  List<WeightSpec> weightSpecs(Shape inputShape);

  /** Builds the layer's computation on batch-major {@code input}; weights are looked up by short name. */
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights) {
    return call(tf, input, inputShape, weights, SequenceLayout.BATCH_MAJOR);
  }

  /**
   * Builds the layer's computation with rank-3 inputs and outputs laid out as {@code layout}
   * ({@code inputShape} is still batch-major). Only a layer that {@link #acceptsTimeMajor} is
   * given {@link SequenceLayout#TIME_MAJOR}.
   */
  Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights, SequenceLayout layout);

  /**
   * Builds the layer's computation given the mask of its input ({@code null}: no mask), Keras's
   * {@code call(inputs, mask=...)}. A mask is float32 1/0 per step, [batch, time] or, time-major,
   * [time, batch]. Layers that do not use a mask ignore it, as most Keras layers do.
   */
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return call(tf, input, inputShape, weights, layout);
  }

  /**
   * As {@link #call(Ops, Operand, Shape, LayerWeights, SequenceLayout, Operand)}, told that the
   * mask keeps each sequence's first {@code lengths} steps and masks the rest (padding after the
   * end, as RNNKit pads ragged data): a layer may then use a faster kernel. {@code lengths} is
   * int32 [batch]; null says nothing about the mask.
   */
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths) {
    return call(tf, input, inputShape, weights, layout, mask);
  }

  /**
   * As {@link #call(Ops, Operand, Shape, LayerWeights, SequenceLayout, Operand, Operand)}, in a
   * training graph: a layer that drops units at training (Keras's {@code training=True}) draws
   * its masks from {@code noise}, which is the identity outside training steps. By default a
   * layer has no noise and ignores it.
   */
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    return call(tf, input, inputShape, weights, layout, mask, lengths);
  }

  /**
   * Keras's {@code compute_mask}: the mask of this layer's output, or {@code null}. By default a
   * layer whose output keeps the time axis passes its input's mask on (Dense, as in Keras) and
   * a layer that drops that axis consumes it.
   */
  default Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return inputMask != null && outputShape(inputShape).numDimensions() == 3 ? inputMask : null;
  }

  /**
   * Whether the layer is built for a known number of time steps (a statically unrolled RNN);
   * otherwise it computes batches of any length in one graph (at inference: training graphs
   * are built per length anyway).
   */
  default boolean needsKnownLength() {
    return false;
  }

  /**
   * Whether the layer combines neighbouring time steps without a mask (a convolution, a pooling
   * window): padding steps then change the output at real steps, mask or not, so a model with
   * such a layer must not pad batches beyond what it is given, nor move padded steps.
   */
  default boolean mixesStepsIgnoringMask() {
    return false;
  }

  /** Whether the layer can be built on time-major sequences. */
  default boolean acceptsTimeMajor() {
    return false;
  }

  /** Multiply-adds times two per sample of one forward pass, for the benchmark's FLOP count. */
  long forwardFlopsPerSample(Shape inputShape);

  /** The layer's Keras configuration (the {@code config} object of {@code get_config()}). */
  Map<String, Object> kerasConfig();

  /** Number of trainable parameters for an input shape. */
  default long paramCount(Shape inputShape) {
    return weightSpecs(inputShape).stream().mapToLong(WeightSpec::size).sum();
  }
}
