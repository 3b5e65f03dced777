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
   * An unrolled sequence: its input transposed to [time, batch, features] in processing order, the prepared weights,
   * the state after every step, the output.
   */
  protected record Unrolled(Operand<TFloat32> timeMajorInput, LayerWeights weights, List<State> states,
      Operand<TFloat32> output) {}

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

  /** One step of the cell; {@code previous} is null at the first step (zero state). */
  protected abstract State step(
      Ops tf, Operand<TFloat32> projectedInput, State previous, LayerWeights weights);

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
    return unroll(tf, input, inputShape, weights, layout, null).output();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return unroll(tf, input, inputShape, weights, layout, mask).output();
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
   * the previous output, or 0 with {@code zero_output_for_mask}, exactly as Keras's RNN.
   */
  @SuppressWarnings("unchecked")
  protected Unrolled unroll(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    long timeSteps = knownTimeSteps(inputShape);
    long width = inputWidth(inputShape);
    // Time-major rows, so that the per-step slices of the projection are contiguous blocks
    // (TensorFlow's Unstack along axis 0 shares them without copying).
    Operand<TFloat32> timeMajor =
        inProcessingOrder(tf, layout.toTimeMajor(tf, (Operand<TFloat32>) input));
    Operand<TFloat32> rows = tf.reshape(timeMajor, tf.constant(new long[] {-1, width}));
    LayerWeights prepared = prepare(tf, weights);
    Operand<TFloat32> projected = projectInputs(tf, rows, prepared);
    Operand<TFloat32> perStep =
        tf.reshape(projected, tf.constant(new long[] {timeSteps, -1, (long) gateCount() * units}));
    List<Operand<TFloat32>> inputs = new ArrayList<>();
    tf.unstack(perStep, timeSteps, Unstack.axis(0L)).forEach(inputs::add);

    List<Operand<TFloat32>> stepMasks = mask == null ? null : stepMasks(tf, mask, layout, timeSteps);
    List<State> states = new ArrayList<>();
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    State state = null;
    for (int t = 0; t < inputs.size(); t++) {
      State next = step(tf, inputs.get(t), state, prepared);
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
    return new Unrolled(timeMajor, prepared, List.copyOf(states), output);
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
    return config;
  }
}
