package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A recurrent layer as Keras builds one: a cell stepped over time. The graph is statically
 * unrolled (TF Java has no gradient for while loops). The input projection of all time steps is
 * one MatMul; only the recurrent projection is computed per step.
 *
 * <p>The initial state is zeros, so the first step skips the recurrent terms, which are exactly
 * zero there: the result is bit-for-bit the same with fewer ops.
 */
public abstract class RecurrentLayer implements Layer {

  private final String name;
  private final int units;
  private final boolean returnSequences;
  private final RecurrentOptions options;

  protected RecurrentLayer(String name, int units, boolean returnSequences,
      RecurrentOptions options) {
    if (units <= 0) {
      throw new IllegalArgumentException("A recurrent layer needs positive units, got " + units);
    }
    this.name = name;
    this.units = units;
    this.returnSequences = returnSequences;
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * The cell's state after one step; {@code h} is the step's output. {@code saved} holds what a
   * hand-written backward pass needs from the step (empty otherwise).
   */
  protected record State(Operand<TFloat32> h, Operand<TFloat32> c, List<Operand<TFloat32>> saved) {
    protected State(Operand<TFloat32> h, Operand<TFloat32> c) {
      this(h, c, List.of());
    }
  }

  /**
   * An unrolled sequence: its input transposed to [time, batch, features] in processing order
   * (times the input dropout mask, if one multiplied it), the prepared weights, the state after
   * every step, the output, and that mask [batch, features] (null: none).
   */
  protected record Unrolled(Operand<TFloat32> timeMajorInput, LayerWeights weights, List<State> states,
      Operand<TFloat32> output, Operand<TFloat32> inputDropoutMask) {}

  @Override
  public String name() {
    return name;
  }

  public int units() {
    return units;
  }

  public boolean returnSequences() {
    return returnSequences;
  }

  public RecurrentOptions options() {
    return options;
  }

  /** This layer with other options (same name, units and return_sequences). */
  public abstract RecurrentLayer withOptions(RecurrentOptions newOptions);

  /**
   * This layer with Keras's {@code dropout}: the fraction of the inputs dropped at training,
   * e.g. {@code new LSTM(64, true).withDropout(0.2f).withRecurrentDropout(0.2f)}.
   */
  public RecurrentLayer withDropout(float rate) {
    return withOptions(options.withDropout(rate));
  }

  /** This layer with Keras's {@code recurrent_dropout}: the fraction of the state dropped at training. */
  public RecurrentLayer withRecurrentDropout(float rate) {
    return withOptions(options.withRecurrentDropout(rate));
  }

  /**
   * The time-major input in the order the cell reads it: reversed along time for
   * {@code go_backwards}. Nothing flips the outputs back, as in Keras.
   */
  protected Operand<TFloat32> inProcessingOrder(Ops tf, Operand<TFloat32> timeMajor) {
    return options.goBackwards() ? tf.reverse(timeMajor, tf.constant(new int[] {0})) : timeMajor;
  }

  /** The cell's activation (Keras's {@code activation}, tanh by default). */
  protected Operand<TFloat32> activation(Ops tf, Operand<TFloat32> x) {
    return options.activation().apply(tf, x);
  }

  /** The gates' activation (Keras's {@code recurrent_activation}, sigmoid by default). */
  protected Operand<TFloat32> recurrentActivation(Ops tf, Operand<TFloat32> x) {
    return options.recurrentActivation().apply(tf, x);
  }

  /** Number of gate blocks in the kernel's columns: 4 for LSTM, 3 for GRU, 1 for SimpleRNN. */
  protected abstract int gateCount();

  /**
   * {@code x kernel + input bias} for all time steps at once, as rows [batch*time, gates*u]. By
   * default {@code x kernel + bias} (LSTM, SimpleRNN), or {@code x kernel} without a bias.
   */
  protected Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> rows, LayerWeights weights) {
    Operand<TFloat32> projected = tf.linalg.matMul(rows, weights.get("kernel"));
    return options.useBias() ? tf.math.add(projected, weights.get("bias")) : projected;
  }

  /**
   * The weights of a Keras cell, in its order: kernel [d, gates*u] glorot_uniform,
   * recurrent_kernel [u, gates*u] orthogonal, then (with use_bias) the bias.
   */
  protected List<WeightSpec> cellWeightSpecs(Shape inputShape, long[] biasShape,
      Initializer biasInitializer) {
    long columns = (long) gateCount() * units;
    WeightSpec kernel = new WeightSpec("kernel", new long[] {inputWidth(inputShape), columns},
        Initializers.glorotUniform());
    WeightSpec recurrent =
        new WeightSpec("recurrent_kernel", new long[] {units, columns}, Initializers.orthogonal());
    return options.useBias()
        ? List.of(kernel, recurrent, new WeightSpec("bias", biasShape, biasInitializer))
        : List.of(kernel, recurrent);
  }

  /**
   * One step of the cell; {@code previous} is null at the first step (zero state).
   * {@code recurrentMasks} are the recurrent dropout masks (null: none), applied to the previous
   * state where it is multiplied by the recurrent kernel (see {@link #recurrentProduct}).
   */
  protected abstract State step(Ops tf, Operand<TFloat32> projectedInput, State previous,
      LayerWeights weights, List<Operand<TFloat32>> recurrentMasks);

  /**
   * The dropout masks of one sequence, drawn once and used at every step, as Keras 3's
   * DropoutRNNCell: {@code inputs} [batch, d] and {@code recurrent} [batch, u], each null (no
   * dropout) or one mask, or one per gate when the layer has recurrent dropout (Keras's
   * {@code implementation=1}, which recurrent dropout forces on LSTM and GRU).
   */
  protected record DropoutMasks(List<Operand<TFloat32>> inputs,
      List<Operand<TFloat32>> recurrent) {}

  /** The masks of a training graph's sequence; no masks without noise or dropout. */
  protected DropoutMasks dropoutMasks(Ops tf, Operand<TFloat32> timeMajor, long width,
      Noise noise) {
    if (noise == null || !options.hasDropout()) {
      return new DropoutMasks(null, null);
    }
    // Keras draws one mask per gate once recurrent_dropout switches the cell to
    // implementation=1 (LSTM 4, GRU 3); SimpleRNN always draws one.
    int count = options.recurrentDropout() > 0 ? maskCountWithRecurrentDropout() : 1;
    Operand<TInt32> batch = tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}),
        tf.constant(new int[] {1}));
    return new DropoutMasks(
        masks(tf, noise, batch, width, options.dropout(), "dropout", count),
        masks(tf, noise, batch, units, options.recurrentDropout(), "recurrent_dropout", count));
  }

  /** The number of masks of each kind Keras draws when the layer has recurrent dropout. */
  protected int maskCountWithRecurrentDropout() {
    return gateCount();
  }

  private List<Operand<TFloat32>> masks(Ops tf, Noise noise, Operand<TInt32> batch, long width,
      float rate, String kind, int count) {
    if (rate == 0) {
      return null;
    }
    Operand<TInt32> shape = tf.concat(List.of(batch, tf.constant(new int[] {(int) width})),
        tf.constant(0));
    String key = Noise.key(name, options.seed());
    List<Operand<TFloat32>> masks = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      masks.add(noise.mask(tf, shape, rate, key + "/" + kind + "/" + g));
    }
    return List.copyOf(masks);
  }

  /**
   * {@code h kernel} with the recurrent dropout masks: {@code (h*m) kernel} for one mask, and
   * for one per gate each gate's block of columns from its own masked state, as Keras's
   * implementation=1 computes it. {@code masks} null: {@code h kernel}.
   */
  protected Operand<TFloat32> recurrentProduct(Ops tf, Operand<TFloat32> h,
      Operand<TFloat32> kernel, List<Operand<TFloat32>> masks) {
    if (masks == null) {
      return tf.linalg.matMul(h, kernel);
    }
    if (masks.size() == 1) {
      return tf.linalg.matMul(tf.math.mul(h, masks.get(0)), kernel);
    }
    List<Operand<TFloat32>> blocks = new ArrayList<>();
    List<Operand<TFloat32>> kernels = splitGates(tf, kernel, masks.size());
    for (int g = 0; g < masks.size(); g++) {
      blocks.add(tf.linalg.matMul(tf.math.mul(h, masks.get(g)), kernels.get(g)));
    }
    return tf.concat(blocks, tf.constant(1));
  }

  /**
   * The input projection of every step: one MatMul, or with input dropout masks per gate
   * ({@code masks}, null: none), each gate's block of columns from its own masked input.
   */
  private Operand<TFloat32> maskedProjection(Ops tf, Operand<TFloat32> timeMajor, long width,
      LayerWeights prepared, List<Operand<TFloat32>> masks) {
    if (masks == null) {
      return projectInputs(tf, tf.reshape(timeMajor, tf.constant(new long[] {-1, width})), prepared);
    }
    List<Operand<TFloat32>> blocks = new ArrayList<>();
    for (int g = 0; g < masks.size(); g++) {
      Operand<TFloat32> rows = tf.reshape(tf.math.mul(timeMajor, masks.get(g)),
          tf.constant(new long[] {-1, width}));
      blocks.add(splitGates(tf, projectInputs(tf, rows, prepared), masks.size()).get(g));
    }
    return tf.concat(blocks, tf.constant(1));
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    checkInput(inputShape);
    return returnSequences ? Shape.of(-1, inputShape.get(1), units) : Shape.of(-1, units);
  }

  /** The width of the input vectors at each step. */
  protected long inputWidth(Shape inputShape) {
    checkInput(inputShape);
    return inputShape.get(2);
  }

  private void checkInput(Shape inputShape) {
    if (inputShape.numDimensions() != 3 || inputShape.get(2) <= 0
        || (inputShape.get(1) <= 0 && inputShape.get(1) != -1)) {
      throw new IllegalArgumentException(
          kerasClassName()
              + " '"
              + name
              + "' expects input [batch, time, features] with known features, got "
              + inputShape);
    }
  }

  /** The number of steps to unroll; a graph is built for a known number of time steps. */
  private long knownTimeSteps(Shape inputShape) {
    long timeSteps = inputShape.get(1);
    if (timeSteps <= 0) {
      throw new IllegalStateException(kerasClassName() + " '" + name + "' is unrolled over a"
          + " known number of time steps; a model with an open length builds a graph per length");
    }
    return timeSteps;
  }

  /** Statically unrolled: one graph per length. */
  @Override
  public boolean needsKnownLength() {
    return true;
  }

  /** A recurrent layer steps over time-major rows: given them, it transposes neither end. */
  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return unroll(tf, input, inputShape, weights, layout, null, null).output();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return unroll(tf, input, inputShape, weights, layout, mask, null).output();
  }

  /** In a training graph with dropout, the layer is unrolled with its masks. */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    return noise == null || !options.hasDropout()
        ? call(tf, input, inputShape, weights, layout, mask, lengths)
        : unroll(tf, input, inputShape, weights, layout, mask, noise).output();
  }

  /** A sequence output keeps its input's mask, as in Keras; a last-step output drops it. */
  @Override
  public Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return returnSequences ? inputMask : null;
  }

  /**
   * Builds the statically unrolled sequence; a sequence output is laid out as {@code layout}.
   * With a {@code mask} (null: none), a masked step keeps the previous state, and its output is
   * the previous output, or 0 with {@code zero_output_for_mask}, exactly as Keras's RNN. With
   * {@code noise} (null: none), the layer's dropout masks are drawn and applied; the unrolled
   * sequence's input is then the masked one where a single mask multiplies it.
   */
  @SuppressWarnings("unchecked")
  protected Unrolled unroll(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Noise noise) {
    long timeSteps = knownTimeSteps(inputShape);
    long width = inputWidth(inputShape);
    // Time-major rows, so that the per-step slices of the projection are contiguous blocks
    // (TensorFlow's Unstack along axis 0 shares them without copying).
    Operand<TFloat32> timeMajor =
        inProcessingOrder(tf, layout.toTimeMajor(tf, (Operand<TFloat32>) input));
    LayerWeights prepared = prepare(tf, weights);
    DropoutMasks dropout = dropoutMasks(tf, timeMajor, width, noise);
    List<Operand<TFloat32>> inputMasks = dropout.inputs();
    Operand<TFloat32> sequenceMask = null;
    if (inputMasks != null && inputMasks.size() == 1) {
      sequenceMask = inputMasks.get(0);
      // One mask for every step: the sequence times it (what a hand-written backward pass reads).
      timeMajor = tf.math.mul(timeMajor, inputMasks.get(0));
      inputMasks = null;
    }
    Operand<TFloat32> projected = maskedProjection(tf, timeMajor, width, prepared, inputMasks);
    Operand<TFloat32> perStep =
        tf.reshape(projected, tf.constant(new long[] {timeSteps, -1, (long) gateCount() * units}));
    List<Operand<TFloat32>> inputs = new ArrayList<>();
    tf.unstack(perStep, timeSteps, Unstack.axis(0L)).forEach(inputs::add);

    List<Operand<TFloat32>> stepMasks = mask == null ? null : stepMasks(tf, mask, layout, timeSteps);
    List<State> states = new ArrayList<>();
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    State state = null;
    for (int t = 0; t < inputs.size(); t++) {
      State next = step(tf, inputs.get(t), state, prepared, dropout.recurrent());
      if (stepMasks == null) {
        state = next;
        outputs.add(next.h());
      } else {
        Operand<TFloat32> m = stepMasks.get(t);
        Operand<TFloat32> h = carried(tf, m, next.h(), state == null ? null : state.h());
        outputs.add(options.zeroOutputForMask() ? tf.math.mul(m, next.h()) : h);
        state = new State(h,
            next.c() == null ? null : carried(tf, m, next.c(), state == null ? null : state.c()));
      }
      states.add(state);
    }
    Operand<TFloat32> output = returnSequences
        ? tf.stack(outputs, Stack.axis((long) layout.timeAxis()))
        : state.h();
    return new Unrolled(timeMajor, prepared, List.copyOf(states), output, sequenceMask);
  }

  /**
   * {@code m*next + (1-m)*previous} for a step mask m of 1s and 0s, [batch, 1]: exactly
   * {@code next} or {@code previous} (a zero state when {@code previous} is null), and
   * differentiable by TensorFlow with plain Mul and Add.
   */
  private static Operand<TFloat32> carried(Ops tf, Operand<TFloat32> m, Operand<TFloat32> next,
      Operand<TFloat32> previous) {
    Operand<TFloat32> kept = tf.math.mul(m, next);
    return previous == null ? kept
        : tf.math.add(kept, tf.math.mul(tf.math.sub(tf.constant(1f), m), previous));
  }

  /** The mask of each step in processing order, each [batch, 1]. */
  private List<Operand<TFloat32>> stepMasks(Ops tf, Operand<TFloat32> mask, SequenceLayout layout,
      long timeSteps) {
    Operand<TFloat32> timeMajor = layout == SequenceLayout.TIME_MAJOR ? mask
        : tf.linalg.transpose(mask, tf.constant(new int[] {1, 0}));
    if (options.goBackwards()) {
      timeMajor = tf.reverse(timeMajor, tf.constant(new int[] {0}));
    }
    Operand<TFloat32> columns = tf.expandDims(timeMajor, tf.constant(-1));
    List<Operand<TFloat32>> steps = new ArrayList<>();
    tf.unstack(columns, timeSteps, Unstack.axis(0L)).forEach(steps::add);
    return steps;
  }

  /**
   * Derived views of the weights (slices, bias rows) that every step uses, built once per call
   * rather than once per step. The default is the weights themselves.
   */
  protected LayerWeights prepare(Ops tf, LayerWeights weights) {
    return weights;
  }

  /** Splits {@code z} [batch, n*units] into n blocks of [batch, units] along the last axis. */
  protected List<Operand<TFloat32>> splitGates(Ops tf, Operand<TFloat32> z, int blocks) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.split(tf.constant(1), z, (long) blocks).forEach(parts::add);
    return parts;
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    long gates = (long) gateCount() * units;
    return Math.max(1, inputShape.get(1)) * (2L * inputWidth(inputShape) * gates + 2L * units * gates);
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("units", units);
    config.put("activation", options.activation().kerasName());
    config.put("recurrent_activation", options.recurrentActivation().kerasName());
    config.put("use_bias", options.useBias());
    config.put("return_sequences", returnSequences);
    config.put("return_state", false);
    config.put("go_backwards", options.goBackwards());
    config.put("stateful", false);
    config.put("unroll", false);
    config.put("dropout", Noise.configRate(options.dropout()));
    config.put("recurrent_dropout", Noise.configRate(options.recurrentDropout()));
    config.put("seed", options.seed());
    return config;
  }
}
