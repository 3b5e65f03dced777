package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GRU(units, reset_after=...)}: kernel [d, 3u] glorot_uniform, recurrent_kernel
 * [u, 3u] orthogonal, gate blocks in the order z, r, h.
 *
 * <p>{@code reset_after=True} (Keras's default, bias [2, 3u]: row 0 input, row 1 recurrent):
 * <pre>
 * z = σ(x Wz + bz0 + h Uz + bz1)   r = σ(x Wr + br0 + h Ur + br1)
 * hh = tanh(x Wh + bh0 + r * (h Uh + bh1))   h = z*h_prev + (1-z)*hh
 * </pre>
 * {@code reset_after=False} (Cho et al. 2014, bias [3u]): {@code hh = tanh(x Wh + (r*h) Uh + bh)}.
 * σ is {@code recurrent_activation} and tanh {@code activation}; with {@code use_bias=False} every
 * b is absent (see {@link RecurrentOptions}).
 */
public final class GRU extends RecurrentLayer implements ExplicitGradient {

  private final boolean resetAfter;

  public GRU(String name, int units, boolean returnSequences, boolean resetAfter) {
    this(name, units, returnSequences, resetAfter, RecurrentOptions.DEFAULTS);
  }

  /** A GRU with Keras's other options ({@code go_backwards}, {@code use_bias}, activations...). */
  public GRU(String name, int units, boolean returnSequences, boolean resetAfter,
      RecurrentOptions options) {
    super(name, units, returnSequences, options);
    this.resetAfter = resetAfter;
  }

  /** A GRU with Keras's default {@code reset_after=True}. */
  public GRU(int units, boolean returnSequences) {
    this(null, units, returnSequences, true);
  }

  public boolean resetAfter() {
    return resetAfter;
  }

  @Override
  public GRU withOptions(RecurrentOptions newOptions) {
    return new GRU(name(), units(), returnSequences(), resetAfter, newOptions);
  }

  @Override
  public Layer withName(String newName) {
    return new GRU(newName, units(), returnSequences(), resetAfter, options());
  }

  @Override
  public String kerasClassName() {
    return "GRU";
  }

  @Override
  public String defaultNamePrefix() {
    return "gru";
  }

  @Override
  protected int gateCount() {
    return 3;
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    long[] biasShape = resetAfter ? new long[] {2, 3L * units()} : new long[] {3L * units()};
    return cellWeightSpecs(inputShape, biasShape, Initializers.zeros());
  }

  /**
   * Views used at every step: {@code input_bias} and {@code recurrent_bias} (the rows of the
   * [2, 3u] bias, or the [3u] bias and nothing), and for reset_after=False the recurrent kernel
   * split into {@code recurrent_kernel_zr} [u, 2u] and {@code recurrent_kernel_h} [u, u]. Without
   * a bias there are no bias views.
   */
  @Override
  protected LayerWeights prepare(Ops tf, LayerWeights w) {
    Map<String, Operand<TFloat32>> views = new HashMap<>();
    int u = units();
    if (resetAfter && options().useBias()) {
      List<Operand<TFloat32>> rows = new ArrayList<>();
      tf.split(tf.constant(0), w.get("bias"), 2L).forEach(rows::add);
      views.put("input_bias", tf.reshape(rows.get(0), tf.constant(new long[] {3L * u})));
      views.put("recurrent_bias", tf.reshape(rows.get(1), tf.constant(new long[] {3L * u})));
      List<Operand<TFloat32>> firstStep = zrAndH(tf, views.get("recurrent_bias"), 0);
      views.put("recurrent_bias_zr", firstStep.get(0));
      views.put("recurrent_bias_h", firstStep.get(1));
    } else if (!resetAfter) {
      Operand<TFloat32> kernel = w.get("recurrent_kernel");
      if (options().useBias()) {
        views.put("input_bias", w.get("bias"));
      }
      views.put("recurrent_kernel_zr",
          tf.slice(kernel, tf.constant(new int[] {0, 0}), tf.constant(new int[] {u, 2 * u})));
      views.put("recurrent_kernel_h",
          tf.slice(kernel, tf.constant(new int[] {0, 2 * u}), tf.constant(new int[] {u, u})));
    }
    return name -> views.containsKey(name) ? views.get(name) : w.get(name);
  }

  /** Splits gate columns [.., 3u] along {@code axis} into the z-and-r block [.., 2u] and the candidate block [.., u]. */
  private List<Operand<TFloat32>> zrAndH(Ops tf, Operand<TFloat32> gates, int axis) {
    int u = units();
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.splitV(gates, tf.constant(new int[] {2 * u, u}), tf.constant(axis), 2L).forEach(parts::add);
    return parts;
  }

  @Override
  protected Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> rows, LayerWeights w) {
    Operand<TFloat32> projected = tf.linalg.matMul(rows, w.get("kernel"));
    return options().useBias() ? tf.math.add(projected, w.get("input_bias")) : projected;
  }

  @Override
  protected State step(Ops tf, Operand<TFloat32> x, State previous, LayerWeights w,
      List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> z;
    Operand<TFloat32> r = null;
    Operand<TFloat32> resetRecurrent = null;
    Operand<TFloat32> candidate;
    if (resetAfter) {
      // z and r share one add and one activation; the candidate block is split off. At the
      // first step h_prev = 0, so h U + b1 is exactly b1, and nothing at all without a bias.
      List<Operand<TFloat32>> xg = zrAndH(tf, x, 1);
      List<Operand<TFloat32>> hg = previous == null
          ? (options().useBias() ? List.of(w.get("recurrent_bias_zr"), w.get("recurrent_bias_h")) : null)
          : zrAndH(tf, recurrentProjection(tf, previous.h(), w, recurrentMasks), 1);
      List<Operand<TFloat32>> zAndR = splitGates(tf,
          recurrentActivation(tf, hg == null ? xg.get(0) : tf.math.add(xg.get(0), hg.get(0))), 2);
      z = zAndR.get(0);
      r = zAndR.get(1);
      resetRecurrent = hg == null ? null : tf.math.mul(r, hg.get(1));
      candidate = activation(tf, hg == null ? xg.get(1) : tf.math.add(xg.get(1), resetRecurrent));
    } else if (previous == null) {
      List<Operand<TFloat32>> xg = splitGates(tf, x, 3);
      z = recurrentActivation(tf, xg.get(0));
      candidate = activation(tf, xg.get(2));
    } else {
      List<Operand<TFloat32>> xg = splitGates(tf, x, 3);
      // With recurrent dropout: the z and r blocks from the state times their masks, the
      // candidate from r times the state times its own (Keras's h_tm1_z, h_tm1_r, h_tm1_h).
      List<Operand<TFloat32>> hg = splitGates(tf, recurrentProduct(tf, previous.h(),
          w.get("recurrent_kernel_zr"), recurrentMasks == null ? null : recurrentMasks.subList(0, 2)), 2);
      z = recurrentActivation(tf, tf.math.add(xg.get(0), hg.get(0)));
      r = recurrentActivation(tf, tf.math.add(xg.get(1), hg.get(1)));
      Operand<TFloat32> resetState = tf.math.mul(r, recurrentMasks == null ? previous.h()
          : tf.math.mul(previous.h(), recurrentMasks.get(2)));
      candidate = activation(tf, 
          tf.math.add(xg.get(2), tf.linalg.matMul(resetState, w.get("recurrent_kernel_h"))));
    }
    // z h_prev + (1-z) hh, written hh + z (h_prev - hh): one op fewer per step, equal up to
    // float rounding. With the zero initial state it is (1-z) hh.
    Operand<TFloat32> h = previous == null
        ? tf.math.mul(tf.math.sub(tf.constant(1f), z), candidate)
        : tf.math.add(candidate, tf.math.mul(z, tf.math.sub(previous.h(), candidate)));
    return hasExplicitGradient()
        ? new State(h, null, List.of(z, r, candidate, resetRecurrent)) : new State(h, null);
  }

  /** {@code h U + b1} (reset_after=True), or {@code h U} without a bias. */
  private Operand<TFloat32> recurrentProjection(Ops tf, Operand<TFloat32> h, LayerWeights w,
      List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> projected = recurrentProduct(tf, h, w.get("recurrent_kernel"), recurrentMasks);
    return options().useBias() ? tf.math.add(projected, w.get("recurrent_bias")) : projected;
  }

  /**
   * Keras's default GRU (reset_after=True, bias, tanh and sigmoid, forward) backpropagates by
   * hand; see {@link GruGradient}, which knows only that cell. Other GRUs use TensorFlow's
   * gradients of the unrolled graph.
   */
  @Override
  public boolean hasExplicitGradient() {
    return resetAfter && options().defaultCell() && !options().goBackwards()
        && options().recurrentDropout() == 0;
  }

  @Override
  public Pass forwardPass(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return forwardPass(tf, input, inputShape, weights, layout, null);
  }

  /**
   * With input dropout (no recurrent dropout, which TensorFlow differentiates), the sequence
   * times its mask goes through the hand-written pass, and the gradient at the input is the
   * pass's times the same mask.
   */
  @Override
  public Pass forwardPass(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Noise noise) {
    if (!hasExplicitGradient()) {
      throw new IllegalStateException("Only Keras's default GRU cell without recurrent dropout"
          + " has a hand-written gradient");
    }
    Unrolled unrolled = unroll(tf, input, inputShape, weights, layout, null, noise);
    Pass pass = new GruGradient(this, unrolled, inputShape, layout);
    Operand<TFloat32> mask = unrolled.inputDropoutMask();
    return mask == null ? pass : new Pass() {
      @Override
      public Operand<TFloat32> output() {
        return pass.output();
      }

      @Override
      public Backward backward(Ops ops, Operand<TFloat32> outputGradient) {
        Backward inner = pass.backward(ops, outputGradient);
        // [batch, d] against the input's [time, batch, d] or [batch, time, d].
        Operand<TFloat32> m = layout == SequenceLayout.TIME_MAJOR ? mask
            : ops.expandDims(mask, ops.constant(1));
        return new Backward(ops.math.mul(inner.inputGradient(), m), inner.weights());
      }
    };
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = super.kerasConfig();
    config.put("reset_after", resetAfter);
    return config;
  }
}
