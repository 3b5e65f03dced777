package dev.rnnkit.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code LSTM(units)}: kernel [d, 4u] glorot_uniform, recurrent_kernel [u, 4u] orthogonal,
 * bias [4u] zeros with the forget block at 1 ({@code unit_forget_bias}). Gate blocks in the
 * order i, f, c, o:
 *
 * <pre>
 * i = σ(x Wi + h Ui + bi)   f = σ(x Wf + h Uf + bf)   c~ = tanh(x Wc + h Uc + bc)
 * o = σ(x Wo + h Uo + bo)   c = f*c_prev + i*c~       h = o * tanh(c)
 * </pre>
 * σ is {@code recurrent_activation} and tanh {@code activation}; see {@link RecurrentOptions}
 * for those and Keras's other options.
 */
public final class LSTM extends RecurrentLayer {

  private final boolean fused;

  /**
   * @param fused compute the sequence with TensorFlow's fused {@code BlockLSTMV2} kernel (one op
   *     forward, one backward) rather than a statically unrolled graph; the same formulas, the
   *     same weights, results equal to float rounding. Falls back to unrolling where custom
   *     gradients are unavailable, and for a cell other than Keras's default (see
   *     {@link RecurrentOptions#defaultCell()}).
   */
  public LSTM(String name, int units, boolean returnSequences, boolean fused) {
    this(name, units, returnSequences, fused, RecurrentOptions.DEFAULTS);
  }

  /** An LSTM with Keras's other options ({@code go_backwards}, {@code use_bias}, activations...). */
  public LSTM(String name, int units, boolean returnSequences, boolean fused,
      RecurrentOptions options) {
    super(name, units, returnSequences, options);
    this.fused = fused;
  }

  /** A fused LSTM (see {@link #LSTM(String, int, boolean, boolean)}). */
  public LSTM(String name, int units, boolean returnSequences) {
    this(name, units, returnSequences, true);
  }

  public LSTM(int units, boolean returnSequences) {
    this(null, units, returnSequences);
  }

  public boolean fused() {
    return fused;
  }

  @Override
  public Layer withName(String newName) {
    return new LSTM(newName, units(), returnSequences(), fused, options());
  }

  /**
   * A masked LSTM is unrolled: the fused kernel cannot keep a row's state over a masked step.
   * Without a mask, the fused path stays as it is.
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask) {
    return mask == null ? call(tf, input, inputShape, weights, layout)
        : super.call(tf, input, inputShape, weights, layout, mask);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    // go_backwards only reverses the input, which the fused kernel takes like any other.
    if (!fused || !options().defaultCell() || !FusedLstmGradient.ensureRegistered()) {
      return super.call(tf, input, inputShape, weights, layout);
    }
    long timeSteps = inputShape.get(1);
    int u = units();
    // BlockLSTMV2 takes [x, h] times one [d+u, 4u] matrix; its gate layout is Keras's i, f, c, o
    // (the V1 op used i, c, f, o) and it has no forget_bias, so the weights go in as they are.
    Operand<TFloat32> w = tf.concat(
        List.of(weights.get("kernel"), weights.get("recurrent_kernel")), tf.constant(0));
    Operand<TFloat32> b = weights.get("bias");
    Operand<TFloat32> timeMajor = inProcessingOrder(tf,
        checkedTimeSteps(tf, layout.toTimeMajor(tf, (Operand<TFloat32>) input), timeSteps));
    Operand<TInt32> batch = tf.reshape(
        tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}), tf.constant(new int[] {1})),
        tf.constant(new int[] {1}));
    Operand<TFloat32> zeros = tf.zeros(tf.concat(List.of(batch, tf.constant(new int[] {u})),
        tf.constant(0)), TFloat32.class);
    // A constant (not a Fill): the gradient reads the unit count from it.
    Operand<TFloat32> noPeephole = tf.constant(new float[u]);
    BlockLSTM<TFloat32> lstm = tf.nn.blockLSTM(tf.constant(timeSteps), timeMajor, zeros, zeros, w,
        noPeephole, noPeephole, noPeephole, b, BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
    if (returnSequences()) {
      return layout.fromTimeMajor(tf, lstm.h());
    }
    return tf.reshape(tf.slice(lstm.h(), tf.constant(new int[] {(int) timeSteps - 1, 0, 0}),
        tf.constant(new int[] {1, -1, -1})), tf.constant(new int[] {-1, u}));
  }

  /**
   * The time-major input, passed on only when its time axis has {@code timeSteps} steps. The
   * fused op takes the step count as a constant, and given a shorter sequence TensorFlow does not
   * raise an error but aborts the whole process (a failed CHECK): a request of the wrong length
   * to an exported model would take a Java application or a model server down with it.
   */
  private Operand<TFloat32> checkedTimeSteps(Ops tf, Operand<TFloat32> timeMajor, long timeSteps) {
    Operand<TInt32> actual = tf.reshape(
        tf.slice(tf.shape(timeMajor), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[0]));
    Op check = tf.assertThat(tf.math.equal(actual, tf.constant((int) timeSteps)), List.of(
        // No quotes: TensorFlow escapes them when it prints the message.
        tf.constant("The LSTM layer " + name() + " takes sequences of " + timeSteps
            + " time steps (pad or truncate to that length), but got sequences of"), actual));
    return tf.withControlDependencies(List.of(check)).identity(timeMajor);
  }

  @Override
  public String kerasClassName() {
    return "LSTM";
  }

  @Override
  public String defaultNamePrefix() {
    return "lstm";
  }

  @Override
  protected int gateCount() {
    return 4;
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return cellWeightSpecs(inputShape, new long[] {4L * units()}, options().unitForgetBias()
        ? Initializers.lstmUnitForgetBias(units()) : Initializers.zeros());
  }

  @Override
  protected State step(Ops tf, Operand<TFloat32> x, State previous, LayerWeights w) {
    Operand<TFloat32> z =
        previous == null ? x : tf.math.add(x, tf.linalg.matMul(previous.h(), w.get("recurrent_kernel")));
    List<Operand<TFloat32>> gates = splitGates(tf, z, 4);
    Operand<TFloat32> i = recurrentActivation(tf, gates.get(0));
    Operand<TFloat32> candidate = activation(tf, gates.get(2));
    Operand<TFloat32> o = recurrentActivation(tf, gates.get(3));
    Operand<TFloat32> c = tf.math.mul(i, candidate);
    if (previous != null) {
      Operand<TFloat32> f = recurrentActivation(tf, gates.get(1));
      c = tf.math.add(tf.math.mul(f, previous.c()), c);
    }
    return new State(tf.math.mul(o, activation(tf, c)), c);
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = super.kerasConfig();
    config.put("unit_forget_bias", options().unitForgetBias());
    return config;
  }
}
