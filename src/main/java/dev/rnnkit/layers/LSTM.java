package dev.rnnkit.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.core.ReverseSequence;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

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
  public LSTM withOptions(RecurrentOptions newOptions) {
    return new LSTM(name(), units(), returnSequences(), fused, newOptions);
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

  /**
   * A mask of each sequence's first {@code lengths} steps keeps the fused kernel: it runs over
   * the whole padded batch, and each row's outputs are then read where Keras's masked RNN would
   * have left them (the state after the row's last step, carried over the padding).
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths) {
    if (lengths == null || !fusable()) {
      return call(tf, input, inputShape, weights, layout, mask);
    }
    return fused(tf, input, inputShape, weights, layout, lengths, null);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return fusable() ? fused(tf, input, inputShape, weights, layout, null, null)
        : super.call(tf, input, inputShape, weights, layout);
  }

  /**
   * At training with dropout: input dropout alone keeps the fused kernel where it applies
   * without dropout, as Keras's LSTM.inner_loop does (the sequence times one mask per sequence,
   * then the kernel); recurrent dropout needs the state at each step, so the LSTM is unrolled
   * with its masks.
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    if (noise == null || !options().hasDropout()) {
      return call(tf, input, inputShape, weights, layout, mask, lengths);
    }
    boolean fusedHere = fusable() && options().recurrentDropout() == 0
        && (mask == null || lengths != null);
    return fusedHere ? fused(tf, input, inputShape, weights, layout, lengths, noise)
        : super.call(tf, input, inputShape, weights, layout, mask, lengths, noise);
  }

  /** The fused kernel reads the number of steps at run time (unmasked, or with lengths). */
  @Override
  public boolean needsKnownLength() {
    return !fusable();
  }

  /** go_backwards only reverses the input, which the fused kernel takes like any other. */
  private boolean fusable() {
    return fused && options().defaultCell() && FusedLstmGradient.ensureRegistered();
  }

  /**
   * The fused kernel over the input; {@code lengths} (or null: every step counts) as in {@link
   * #call(Ops, Operand, Shape, LayerWeights, SequenceLayout, Operand, Operand)}. An open number
   * of time steps is read from the input at run time (for inference: the gradient needs a
   * known one).
   */
  @SuppressWarnings("unchecked")
  private Operand<TFloat32> fused(Ops tf, Operand<?> input, Shape inputShape,
      LayerWeights weights, SequenceLayout layout, Operand<TInt32> lengths, Noise noise) {
    long timeSteps = inputShape.get(1);
    int u = units();
    // BlockLSTMV2 takes [x, h] times one [d+u, 4u] matrix; its gate layout is Keras's i, f, c, o
    // (the V1 op used i, c, f, o) and it has no forget_bias, so the weights go in as they are.
    Operand<TFloat32> w = tf.concat(
        List.of(weights.get("kernel"), weights.get("recurrent_kernel")), tf.constant(0));
    Operand<TFloat32> b = weights.get("bias");
    Operand<TFloat32> timeMajor = layout.toTimeMajor(tf, (Operand<TFloat32>) input);
    Operand<TInt32> actual = tf.reshape(
        tf.slice(tf.shape(timeMajor), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[0]));
    timeMajor = timeSteps > 0 ? checkedTimeSteps(tf, timeMajor, actual, timeSteps)
        : atLeastOneStep(tf, timeMajor, actual);
    Operand<TInt64> seqLenMax = timeSteps > 0 ? tf.constant(timeSteps)
        : tf.dtypes.cast(actual, TInt64.class);
    // Input dropout (training only): the sequence times its mask; reversing it for
    // go_backwards afterwards changes nothing, the mask being the same at every step.
    List<Operand<TFloat32>> inputMasks =
        dropoutMasks(tf, timeMajor, inputShape.get(2), noise).inputs();
    if (inputMasks != null) {
      timeMajor = tf.math.mul(timeMajor, inputMasks.get(0));
    }
    if (options().goBackwards()) {
      // With lengths, only each row's own steps are reversed: the padding stays after them.
      timeMajor = lengths == null ? inProcessingOrder(tf, timeMajor)
          : tf.reverseSequence(timeMajor, lengths, 0L, ReverseSequence.batchDim(1L));
    }
    Operand<TInt32> batch = tf.reshape(
        tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}), tf.constant(new int[] {1})),
        tf.constant(new int[] {1}));
    Operand<TFloat32> zeros = tf.zeros(tf.concat(List.of(batch, tf.constant(new int[] {u})),
        tf.constant(0)), TFloat32.class);
    // A constant (not a Fill): the gradient reads the unit count from it.
    Operand<TFloat32> noPeephole = tf.constant(new float[u]);
    BlockLSTM<TFloat32> lstm = tf.nn.blockLSTM(seqLenMax, timeMajor, zeros, zeros, w,
        noPeephole, noPeephole, noPeephole, b, BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
    if (lengths != null) {
      Operand<TFloat32> out = PrefixMaskedSteps.outputs(tf, lstm.h(), lengths, actual,
          options().goBackwards(), returnSequences(), options().zeroOutputForMask());
      return returnSequences() ? layout.fromTimeMajor(tf, out) : out;
    }
    if (returnSequences()) {
      return layout.fromTimeMajor(tf, lstm.h());
    }
    if (timeSteps > 0) {
      return tf.reshape(tf.slice(lstm.h(), tf.constant(new int[] {(int) timeSteps - 1, 0, 0}),
          tf.constant(new int[] {1, -1, -1})), tf.constant(new int[] {-1, u}));
    }
    return tf.gather(lstm.h(), tf.math.sub(actual, tf.constant(1)), tf.constant(0));
  }

  /** A sequence of no steps would abort the fused kernel: refused with an error instead. */
  private Operand<TFloat32> atLeastOneStep(Ops tf, Operand<TFloat32> timeMajor,
      Operand<TInt32> actual) {
    Op check = tf.assertThat(tf.math.greater(actual, tf.constant(0)), List.of(
        tf.constant("The LSTM layer " + name() + " needs sequences of at least one step, got")
        , actual));
    return tf.withControlDependencies(List.of(check)).identity(timeMajor);
  }

  /**
   * The time-major input, passed on only when its time axis has {@code timeSteps} steps. The
   * fused op takes the step count as a constant, and given a shorter sequence TensorFlow does not
   * raise an error but aborts the whole process (a failed CHECK): a request of the wrong length
   * to an exported model would take a Java application or a model server down with it.
   */
  private Operand<TFloat32> checkedTimeSteps(Ops tf, Operand<TFloat32> timeMajor,
      Operand<TInt32> actual, long timeSteps) {
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
  protected State step(Ops tf, Operand<TFloat32> x, State previous, LayerWeights w,
      List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> z = previous == null ? x : tf.math.add(x,
        recurrentProduct(tf, previous.h(), w.get("recurrent_kernel"), recurrentMasks));
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
