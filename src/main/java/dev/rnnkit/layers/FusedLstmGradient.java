package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Backpropagation through time for TensorFlow's fused {@code BlockLSTMV2} op (whose gradient
 * TensorFlow defines only in Python), written as graph ops. Everything that does not depend on
 * the step-to-step recursion is computed for all steps at once: the gates' derivative factors
 * before the loop, and the weight, bias and input gradients as large MatMuls over chunks of
 * steps, which run on the other core while the recursion goes on. Only {@code dz_t},
 * {@code dh_{t-1} = dz_t U^T} and the cell-state gradient run step by step, 7 ops per step.
 * Measured faster than TensorFlow's own {@code BlockLSTMGradV2} kernel, which multiplies the
 * small per-step matrices one by one.
 *
 * <p>With z_t the gates' pre-activations [i f c o], c the cell state, co = tanh(c):
 * <pre>
 * dc_t = dh_t * o_t (1 - co_t²) + dc_{t+1} * f_{t+1}
 * dz_t = [dc_t c~_t i_t(1-i_t), dc_t c_{t-1} f_t(1-f_t), dc_t i_t (1-c~_t²), dh_t co_t o_t(1-o_t)]
 * dh_{t-1} += dz_t U^T;  dW = [x h_{t-1}]^T dz (summed over t);  db = sum dz;  dx_t = dz_t W_x^T
 * </pre>
 */
final class FusedLstmGradient {

  /**
   * TensorFlow's gradient registry is one per process, so registration is too; the flag only
   * avoids asking twice. Registration fails where custom gradients are unsupported (Windows).
   */
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();
  private static volatile boolean available;

  private FusedLstmGradient() {}

  /** Registers the gradient once; returns whether fused LSTMs can be trained here. */
  static synchronized boolean ensureRegistered() {
    if (REGISTERED.compareAndSet(false, true)) {
      try {
        TensorFlow.registerCustomGradient(BlockLSTM.OP_NAME, FusedLstmGradient::gradient);
        available = true;
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        available = false;
      }
    }
    return available;
  }

  /**
   * From this many steps on, TensorFlow's own backward kernel (BlockLSTMGradV2, one op) computes
   * the gradient: the hand-written one below is faster on the article's 50 steps, but it is
   * unrolled, a graph of about 40 ops per step, which long sequences (whole reviews of a few
   * thousand words, one graph per length bucket) would make gigabytes of.
   */
  static final long NATIVE_FROM_STEPS = 100;

  @SuppressWarnings("unchecked")
  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
    if (!isConstant(op.input(0))
        || constantValue(op.input(0)).getInt64Val(0) >= NATIVE_FROM_STEPS) {
      return nativeGradient(tf, op, gradOutputs);
    }
    Operand<TInt64> seqLenMax = (Operand<TInt64>) op.input(0);
    Operand<TFloat32> x = (Operand<TFloat32>) op.input(1);
    Operand<TFloat32> csPrev = (Operand<TFloat32>) op.input(2);
    Operand<TFloat32> hPrev = (Operand<TFloat32>) op.input(3);
    Operand<TFloat32> w = (Operand<TFloat32>) op.input(4);
    Output<TFloat32> i = op.output(0);
    Output<TFloat32> cs = op.output(1);
    Output<TFloat32> f = op.output(2);
    Output<TFloat32> o = op.output(3);
    Output<TFloat32> ci = op.output(4);
    Output<TFloat32> co = op.output(5);
    Output<TFloat32> h = op.output(6);
    // Shape queries would take the graph lock that TensorFlow holds while it builds gradients, so
    // the sizes come from the constants LSTM.call feeds the op: the step count and the [units]
    // peephole zeros. The input width is taken at run time.
    long timeSteps = constantValue(op.input(0)).getInt64Val(0);
    int units = (int) constantValue(op.input(5)).getTensorShape().getDim(0).getSize();
    Operand<TInt32> width = tf.slice(tf.shape(x), tf.constant(new int[] {2}), tf.constant(new int[] {1}));
    Operand<TFloat32> one = tf.constant(1f);

    // Per-step values known from the forward pass, for all steps at once.
    Operand<TFloat32> cPrevSeq = previousSteps(tf, csPrev, cs, timeSteps);
    Operand<TFloat32> hPrevSeq = previousSteps(tf, hPrev, h, timeSteps);
    Operand<TFloat32> hToC = tf.math.mul(o, tf.math.sub(one, tf.math.square(co)));
    Operand<TFloat32> gateFactors = tf.concat(List.of(
        tf.math.mul(ci, sigmoidSlope(tf, i, one)),
        tf.math.mul(cPrevSeq, sigmoidSlope(tf, f, one)),
        tf.math.mul(i, tf.math.sub(one, tf.math.square(ci))),
        tf.math.mul(co, sigmoidSlope(tf, o, one))), tf.constant(2));

    List<Operand<TFloat32>> dhOut = Bptt.unstack(tf, gradOrZeros(tf, gradOutputs.get(6), h), timeSteps, 0);
    List<Operand<TFloat32>> dcOut = gradOutputs.get(1) == null ? null
        : Bptt.unstack(tf, (Operand<TFloat32>) gradOutputs.get(1), timeSteps, 0);
    List<Operand<TFloat32>> hToCSteps = Bptt.unstack(tf, hToC, timeSteps, 0);
    List<Operand<TFloat32>> forgetSteps = Bptt.unstack(tf, f, timeSteps, 0);
    List<Operand<TFloat32>> factorSteps = Bptt.unstack(tf, gateFactors, timeSteps, 0);
    // [W; U]ᵀ once, so the MatMuls below need no transpose flag (see Bptt.transposed).
    Operand<TFloat32> kernelsT = Bptt.transposed(tf, w);
    Operand<TFloat32> recurrentKernelT = tf.slice(kernelsT,
        tf.concat(List.of(tf.constant(new int[] {0}), width), tf.constant(0)),
        tf.constant(new int[] {-1, -1}));

    // The recursion, last step first.
    List<Operand<TFloat32>> dz = new ArrayList<>(Collections.nCopies((int) timeSteps, null));
    Operand<TFloat32> dhRecurrent = null;
    Operand<TFloat32> dcNext = null;
    for (int t = (int) timeSteps - 1; t >= 0; t--) {
      Operand<TFloat32> dh = dhRecurrent == null ? dhOut.get(t) : tf.math.add(dhOut.get(t), dhRecurrent);
      Operand<TFloat32> dc = tf.math.mul(dh, hToCSteps.get(t));
      if (dcOut != null) {
        dc = tf.math.add(dc, dcOut.get(t));
      }
      if (dcNext != null) {
        dc = tf.math.add(dc, tf.math.mul(dcNext, forgetSteps.get(t + 1)));
      }
      Operand<TFloat32> dzt = tf.math.mul(tf.concat(List.of(dc, dc, dc, dh), tf.constant(1)),
          factorSteps.get(t));
      dz.set(t, dzt);
      dhRecurrent = tf.linalg.matMul(dzt, recurrentKernelT);
      dcNext = dc;
    }
    Operand<TFloat32> dcPrev = tf.math.mul(dcNext, forgetSteps.get(0));

    // Weight, bias and input gradients as MatMuls over chunks of steps: a chunk's MatMuls can run
    // on the other core as soon as the recursion has left it, instead of all after the loop.
    Operand<TFloat32> xh = tf.concat(List.of(x, hPrevSeq), tf.constant(2));
    Operand<TInt32> xhWidth = tf.math.add(width, tf.constant(new int[] {units}));
    Operand<TFloat32> inputKernelT = tf.slice(kernelsT, tf.constant(new int[] {0, 0}),
        tf.concat(List.of(tf.constant(new int[] {-1}), width), tf.constant(0)));
    List<Operand<TFloat32>> dwParts = new ArrayList<>();
    List<Operand<TFloat32>> dbParts = new ArrayList<>();
    List<Operand<TFloat32>> dxParts = new ArrayList<>();
    for (int from = 0; from < timeSteps; from += Bptt.CHUNK_STEPS) {
      int to = (int) Math.min(timeSteps, from + Bptt.CHUNK_STEPS);
      Operand<TFloat32> dzRows =
          tf.reshape(tf.stack(dz.subList(from, to), Stack.axis(0L)), tf.constant(new int[] {-1, 4 * units}));
      Operand<TFloat32> xhRows = tf.reshape(Bptt.steps(tf, xh, from, to),
          tf.concat(List.of(tf.constant(new int[] {-1}), xhWidth), tf.constant(0)));
      dwParts.add(tf.linalg.matMul(xhRows, dzRows, MatMul.transposeA(true)));
      dbParts.add(tf.reduceSum(dzRows, tf.constant(0)));
      dxParts.add(tf.reshape(tf.linalg.matMul(dzRows, inputKernelT),
          tf.concat(List.of(tf.constant(new int[] {to - from, -1}), width), tf.constant(0))));
    }
    Operand<TFloat32> dw = Bptt.sum(tf, dwParts);
    Operand<TFloat32> db = Bptt.sum(tf, dbParts);
    Operand<TFloat32> dx = Bptt.join(tf, dxParts);
    Operand<TFloat32> noPeephole = tf.zeros(tf.constant(new int[] {units}), TFloat32.class);

    List<Operand<?>> grads = new ArrayList<>();
    grads.add(tf.zerosLike(seqLenMax)); // an integer count: no real gradient
    grads.add(dx);
    grads.add(dcPrev);
    grads.add(dhRecurrent);
    grads.add(dw);
    grads.add(noPeephole);
    grads.add(noPeephole);
    grads.add(noPeephole);
    grads.add(db);
    return grads;
  }

  /** TensorFlow's BlockLSTMGradV2 over the forward op's inputs, outputs and output gradients. */
  @SuppressWarnings("unchecked")
  private static List<Operand<?>> nativeGradient(Ops tf, GraphOperation op,
      List<Output<?>> gradOutputs) {
    Operand<TFloat32> cs = op.output(1);
    Operand<TFloat32> h = op.output(6);
    BlockLSTMGrad<TFloat32> grad = tf.nn.blockLSTMGrad((Operand<TInt64>) op.input(0),
        (Operand<TFloat32>) op.input(1), (Operand<TFloat32>) op.input(2),
        (Operand<TFloat32>) op.input(3), (Operand<TFloat32>) op.input(4),
        (Operand<TFloat32>) op.input(5), (Operand<TFloat32>) op.input(6),
        (Operand<TFloat32>) op.input(7), (Operand<TFloat32>) op.input(8),
        op.output(0), cs, op.output(2), op.output(3), op.output(4), op.output(5), h,
        gradOrZeros(tf, gradOutputs.get(1), cs), gradOrZeros(tf, gradOutputs.get(6), h), false);
    return List.of(tf.zerosLike(op.input(0)), grad.xGrad(), grad.csPrevGrad(), grad.hPrevGrad(),
        grad.wGrad(), grad.wciGrad(), grad.wcfGrad(), grad.wcoGrad(), grad.bGrad());
  }

  private static boolean isConstant(Output<?> output) {
    return ((GraphOperation) output.op()).type().equals("Const");
  }

  /** The value of a Const op's output, read from its attribute (no graph lock needed). */
  private static TensorProto constantValue(Output<?> constant) {
    GraphOperation op = (GraphOperation) constant.op();
    if (!op.type().equals("Const")) {
      throw new IllegalStateException("BlockLSTMV2 built outside RNNKit's LSTM: input "
          + op.name() + " is a " + op.type() + ", not a constant");
    }
    return op.attributes().getAttrValueProto("value").getTensor();
  }

  /** The sequence shifted by one step: [first, seq_0, ..., seq_{T-2}]. */
  private static Operand<TFloat32> previousSteps(Ops tf, Operand<TFloat32> first,
      Operand<TFloat32> seq, long timeSteps) {
    Operand<TFloat32> head = tf.expandDims(first, tf.constant(0));
    if (timeSteps == 1) {
      return head;
    }
    Operand<TFloat32> body = tf.slice(seq, tf.constant(new int[] {0, 0, 0}),
        tf.constant(new int[] {(int) timeSteps - 1, -1, -1}));
    return tf.concat(List.of(head, body), tf.constant(0));
  }

  private static Operand<TFloat32> sigmoidSlope(Ops tf, Operand<TFloat32> s, Operand<TFloat32> one) {
    return tf.math.mul(s, tf.math.sub(one, s));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> gradOrZeros(Ops tf, Output<?> grad, Operand<TFloat32> like) {
    return grad != null ? (Operand<TFloat32>) grad : tf.zerosLike(like);
  }
}
