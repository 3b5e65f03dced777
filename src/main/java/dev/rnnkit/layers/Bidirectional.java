package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReverseSequence;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code Bidirectional(layer, merge_mode)}: a recurrent layer run twice over the sequence,
 * forward ({@code forward_<name>}) and backward ({@code backward_<name>}, Keras's copy of the
 * layer with {@code go_backwards=True}), with their outputs merged by {@link MergeMode}.
 *
 * <p>As in Keras 3: the backward layer reads the input and its mask reversed; with
 * {@code return_sequences} its output sequence is flipped back to input order, and both halves
 * output 0 at masked steps (Bidirectional sets {@code zero_output_for_mask} on its layers). The
 * backward half is the wrapped layer itself fed the reversed input: that is all
 * {@code go_backwards} does, so any {@link RecurrentLayer} can be wrapped, and an LSTM keeps its
 * fused kernel in both directions when there is no mask.
 *
 * <p>Weights: the forward layer's, then the backward layer's, named
 * {@code forward_<name>/kernel}, ... within this layer (Keras's {@code forward_gru/gru_cell/kernel}
 * without the cell).
 */
public final class Bidirectional implements Layer {

  /** How the two directions' outputs are combined: Keras's {@code merge_mode}. */
  public enum MergeMode {
    /** The forward units, then the backward units (Keras's default). */
    CONCAT,
    SUM,
    MUL,
    /** The average, {@code (forward + backward) / 2}. */
    AVE;

    public String kerasName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a Keras {@code merge_mode} string. */
    public static MergeMode fromKerasName(String name) {
      for (MergeMode mode : values()) {
        if (mode.kerasName().equals(name)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("merge_mode '" + name + "' is not one of concat, sum,"
          + " mul, ave");
    }
  }

  private final String name;
  private final RecurrentLayer layer;
  private final MergeMode mergeMode;

  /**
   * @param layer the forward layer as the user wrote it ({@code go_backwards=False}); unnamed, it
   *     is named after its type ({@code gru}), so its halves are {@code forward_gru} and
   *     {@code backward_gru}
   */
  public Bidirectional(String name, RecurrentLayer layer, MergeMode mergeMode) {
    Objects.requireNonNull(layer, "layer");
    this.mergeMode = Objects.requireNonNull(mergeMode, "mergeMode");
    if (layer.options().goBackwards()) {
      // Keras 3 refuses it too: its backward copy would also go backwards.
      throw new IllegalArgumentException("Bidirectional wraps a layer that reads forward; "
          + layer.kerasClassName() + " '" + layer.name() + "' has go_backwards=true: drop it,"
          + " Bidirectional makes the backward copy itself");
    }
    if (layer.options().zeroOutputForMask()) {
      throw new IllegalArgumentException("Bidirectional sets zero_output_for_mask itself (to"
          + " return_sequences); build " + layer.kerasClassName() + " '" + layer.name()
          + "' without it");
    }
    this.name = name;
    this.layer = layer.name() == null
        ? (RecurrentLayer) layer.withName(layer.defaultNamePrefix()) : layer;
  }

  public Bidirectional(RecurrentLayer layer, MergeMode mergeMode) {
    this(null, layer, mergeMode);
  }

  /** Keras's default, {@code merge_mode='concat'}. */
  public Bidirectional(RecurrentLayer layer) {
    this(null, layer, MergeMode.CONCAT);
  }

  @Override
  public String name() {
    return name;
  }

  /** The wrapped (forward-reading) layer. */
  public RecurrentLayer layer() {
    return layer;
  }

  public MergeMode mergeMode() {
    return mergeMode;
  }

  /** Keras's name of the forward layer: {@code forward_<name>}. */
  public String forwardName() {
    return "forward_" + wrappedName(layer.name());
  }

  /** Keras's name of the backward layer: {@code backward_<name>}. */
  public String backwardName() {
    return "backward_" + removePrefix(layer.name(), "backward_");
  }

  /**
   * The wrapped layer's name given its forward half's, as a Keras config records it:
   * {@code forward_gru -> gru}, so that the halves are named forward_gru and backward_gru again.
   */
  public static String wrappedName(String forwardName) {
    return removePrefix(forwardName, "forward_");
  }

  private static String removePrefix(String text, String prefix) {
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  @Override
  public Layer withName(String newName) {
    return new Bidirectional(newName, layer, mergeMode);
  }

  @Override
  public String kerasClassName() {
    return "Bidirectional";
  }

  @Override
  public String defaultNamePrefix() {
    return "bidirectional";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    Shape half = layer.outputShape(inputShape);
    if (mergeMode != MergeMode.CONCAT) {
      return half;
    }
    long[] dims = half.asArray();
    dims[dims.length - 1] *= 2;
    return Shape.of(dims);
  }

  /** The forward layer's weights, then the backward layer's, each under its layer's name. */
  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    List<WeightSpec> specs = new ArrayList<>();
    for (String half : List.of(forwardName(), backwardName())) {
      for (WeightSpec spec : layer.weightSpecs(inputShape)) {
        specs.add(new WeightSpec(half + "/" + spec.name(), spec.shape(), spec.initializer()));
      }
    }
    return specs;
  }

  /** Both halves are recurrent layers, which step over time-major rows. */
  @Override
  public boolean acceptsTimeMajor() {
    return layer.acceptsTimeMajor();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return call(tf, input, inputShape, weights, layout, null);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return call(tf, input, inputShape, weights, layout, mask, null, null);
  }

  /**
   * In a training graph, each half draws its own dropout masks, as Keras's two layers (each with
   * its own seed generator) do.
   */
  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    if (lengths != null && mask != null) {
      return postPadded(tf, input, inputShape, weights, layout, mask, lengths, noise);
    }
    int time = layout.timeAxis(); // of the input, the mask and a sequence output alike
    Operand<TFloat32> forward = half(false, noise).call(tf.withSubScope(forwardName()), input,
        inputShape, half(weights, forwardName()), layout, mask, null, noise);
    Operand<TFloat32> reversedMask = mask == null ? null : reversed(tf, mask, time);
    Operand<TFloat32> backward = half(true, noise).call(tf.withSubScope(backwardName()),
        reversed(tf, (Operand<TFloat32>) input, time), inputShape, half(weights, backwardName()),
        layout, reversedMask, null, noise);
    if (layer.returnSequences()) {
      forward = zeroOutputForMask(tf, forward, mask);
      backward = reversed(tf, zeroOutputForMask(tf, backward, reversedMask), time);
    }
    return merge(tf, forward, backward);
  }

  /**
   * Post-padded input (each row's first {@code lengths} steps unmasked): the backward half reads
   * each row's own steps reversed, with the padding still after them, so both halves keep their
   * fused kernels; its sequence is reversed back the same way. Keras's backward layer reads the
   * padding first, masked, which leaves its state at zero until the row's last step: the same.
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths) {
    return call(tf, input, inputShape, weights, layout, mask, lengths, null);
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> postPadded(Ops tf, Operand<?> input, Shape inputShape,
      LayerWeights weights, SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths,
      Noise noise) {
    long time = layout.timeAxis();
    Operand<TFloat32> forward = half(false, noise).call(tf.withSubScope(forwardName()), input,
        inputShape, half(weights, forwardName()), layout, mask, lengths, noise);
    Ops backwardScope = tf.withSubScope(backwardName());
    Operand<TFloat32> backward = half(true, noise).call(backwardScope,
        rowsReversed(backwardScope, (Operand<TFloat32>) input, lengths, time), inputShape,
        half(weights, backwardName()), layout, mask, lengths, noise);
    if (layer.returnSequences()) {
      forward = zeroOutputForMask(tf, forward, mask);
      backward = zeroOutputForMask(tf, rowsReversed(tf, backward, lengths, time), mask);
    }
    return merge(tf, forward, backward);
  }

  /** Each row's first {@code lengths} steps in reverse order, the rest where they were. */
  private static Operand<TFloat32> rowsReversed(Ops tf, Operand<TFloat32> x,
      Operand<TInt32> lengths, long timeAxis) {
    return tf.reverseSequence(x, lengths, timeAxis, ReverseSequence.batchDim(1 - timeAxis));
  }

  /** The halves are built as the wrapped layer is: for a known length, or any. */
  @Override
  public boolean needsKnownLength() {
    return layer.needsKnownLength();
  }

  /**
   * The layer one half runs: the wrapped layer, or in a training graph with noise a copy named
   * {@code <this>/forward_gru} or {@code <this>/backward_gru}, whose masks are its own.
   */
  private RecurrentLayer half(boolean backwards, Noise noise) {
    return noise == null ? layer : (RecurrentLayer) layer.withName(
        name + "/" + (backwards ? backwardName() : forwardName()));
  }

  /** One half's weights: {@code kernel} is this layer's {@code forward_gru/kernel}. */
  private static LayerWeights half(LayerWeights weights, String halfName) {
    return w -> weights.get(halfName + "/" + w);
  }

  private static Operand<TFloat32> reversed(Ops tf, Operand<TFloat32> x, int timeAxis) {
    return tf.reverse(x, tf.constant(new int[] {timeAxis}));
  }

  /**
   * Keras's {@code zero_output_for_mask}: 0 at masked steps. A masked step's output is otherwise
   * the previous output; times the step's 1/0 mask, it is exactly what the layer would output
   * with the option set (RecurrentLayer outputs {@code m * h} there).
   */
  private static Operand<TFloat32> zeroOutputForMask(Ops tf, Operand<TFloat32> sequence,
      Operand<TFloat32> mask) {
    return mask == null ? sequence : tf.math.mul(sequence, tf.expandDims(mask, tf.constant(-1)));
  }

  private Operand<TFloat32> merge(Ops tf, Operand<TFloat32> forward, Operand<TFloat32> backward) {
    return switch (mergeMode) {
      case CONCAT -> tf.concat(List.of(forward, backward), tf.constant(-1));
      case SUM -> tf.math.add(forward, backward);
      case MUL -> tf.math.mul(forward, backward);
      case AVE -> tf.math.div(tf.math.add(forward, backward), tf.constant(2f));
    };
  }

  /** Keras's {@code compute_mask}: a sequence output keeps the input's mask, a last step none. */
  @Override
  public Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return layer.returnSequences() ? inputMask : null;
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    return 2 * layer.forwardFlopsPerSample(inputShape);
  }

  /**
   * {@code merge_mode}, and the two layers as Keras's {@code layer} and {@code backward_layer}
   * ({@code {"class_name": ..., "config": ...}}): the mirror of each other, with Bidirectional's
   * {@code zero_output_for_mask}.
   */
  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("merge_mode", mergeMode.kerasName());
    config.put("layer", nested(halfConfig(false)));
    config.put("backward_layer", nested(halfConfig(true)));
    return config;
  }

  private Map<String, Object> nested(Map<String, Object> config) {
    Map<String, Object> layerObject = new LinkedHashMap<>();
    layerObject.put("class_name", layer.kerasClassName());
    layerObject.put("config", config);
    return layerObject;
  }

  /** The config of one half: the wrapped layer's, renamed, with its direction. */
  public Map<String, Object> halfConfig(boolean goBackwards) {
    String halfName = goBackwards ? backwardName() : forwardName();
    Map<String, Object> config = new LinkedHashMap<>(layer.kerasConfig());
    config.put("name", halfName);
    config.put("go_backwards", goBackwards);
    config.put("zero_output_for_mask", layer.returnSequences());
    return config;
  }
}
