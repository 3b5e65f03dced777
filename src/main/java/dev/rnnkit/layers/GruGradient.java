package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Backpropagation through time for Keras's GRU with {@code reset_after=True}, written by hand.
 * TensorFlow's automatic gradient of the unrolled graph costs some 60 small ops per step; here
 * everything that does not depend on the step-to-step recursion is computed for all steps at
 * once, and the recursion itself is 4 ops per step.
 *
 * <p>With a = h U + b1 (its candidate block a_h), forward {@code z, r = σ(x W + b0 + a)},
 * {@code hh = tanh(x W_h + b0_h + r a_h)}, {@code h = z h_prev + (1-z) hh}, and dh the gradient
 * at a step's output:
 * <pre>
 * d(pre-z) = dh (h_prev - hh) z (1-z)        d(pre-hh) = dh (1-z) (1-hh²)
 * d(pre-r) = d(pre-hh) r a_h (1-r)           d(a) = [d(pre-z), d(pre-r), d(pre-hh) r]
 * dh_prev  = d(a) Uᵀ + dh z  =  [dh dh dh dh] ⊙ [F_z F_r F_h z] · [Uᵀ; I]
 * dW = Σ xᵀ [d(pre-z), d(pre-r), d(pre-hh)]   dU = Σ h_prevᵀ d(a)   db = [Σ d(x-side), Σ d(a)]
 * </pre>
 * so one step of the recursion is an add, a concat, a multiply and a MatMul.
 */
final class GruGradient implements ExplicitGradient.Pass {

  private final GRU layer;
  private final RecurrentLayer.Unrolled unrolled;
  private final Shape inputShape;
  private final SequenceLayout layout;

  GruGradient(GRU layer, RecurrentLayer.Unrolled unrolled, Shape inputShape, SequenceLayout layout) {
    this.layer = layer;
    this.unrolled = unrolled;
    this.inputShape = inputShape;
    this.layout = layout;
  }

  @Override
  public Operand<TFloat32> output() {
    return unrolled.output();
  }

  @Override
  public ExplicitGradient.Backward backward(Ops tf, Operand<TFloat32> outputGradient) {
    int u = layer.units();
    int steps = (int) inputShape.get(1);
    long width = inputShape.get(2);
    List<RecurrentLayer.State> states = unrolled.states();
    // Per-step values of the forward pass, time-major [time, batch, units].
    Function<Integer, Operand<TFloat32>> saved = k -> tf.stack(states.stream().map(s -> s.saved().get(k)).toList());
    Operand<TFloat32> z = saved.apply(0);
    Operand<TFloat32> r = saved.apply(1);
    Operand<TFloat32> candidate = saved.apply(2);
    Operand<TFloat32> resetRecurrent = saved.apply(3); // r * a_h
    Operand<TFloat32> hPrevious;
    if (layer.returnSequences() && layout == SequenceLayout.TIME_MAJOR && steps > 1) {
      // The time-major output already stacks every step's h: shifted by one step it is h_prev,
      // without another 50-input Pack before the recursion can start (GRU step -2 to -5%).
      Operand<TFloat32> out = unrolled.output();
      hPrevious = tf.concat(List.of(tf.zerosLike(Bptt.steps(tf, out, 0, 1)), Bptt.steps(tf, out, 0, steps - 1)),
          tf.constant(0));
    } else {
      List<Operand<TFloat32>> previous = new ArrayList<>();
      previous.add(tf.zerosLike(states.get(0).h()));
      states.subList(0, steps - 1).forEach(s -> previous.add(s.h()));
      hPrevious = tf.stack(previous);
    }

    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> oneMinusZ = tf.math.sub(one, z);
    Operand<TFloat32> dTanh = tf.math.mul(oneMinusZ, tf.math.sub(one, tf.math.square(candidate)));
    Operand<TFloat32> fz = tf.math.mul(tf.math.sub(hPrevious, candidate), tf.math.mul(z, oneMinusZ));
    Operand<TFloat32> fr = tf.math.mul(dTanh, tf.math.mul(resetRecurrent, tf.math.sub(one, r)));
    Operand<TFloat32> fh = tf.math.mul(dTanh, r);
    List<Operand<TFloat32>> factorSteps = Bptt.unstack(tf, concat(tf, fz, fr, fh, z), steps, 0);
    Operand<TFloat32> recurrentFactors = concat(tf, fz, fr, fh); // d(a) = dh * these
    Operand<TFloat32> inputFactors = concat(tf, fz, fr, dTanh); // d(x W + b0) = dh * these
    // [W; U]ᵀ once, so the MatMuls below need no transpose flag (see Bptt.transposed).
    Operand<TFloat32> kernelsT = Bptt.transposed(tf, tf.concat(List.of(
        unrolled.weights().get("kernel"), unrolled.weights().get("recurrent_kernel")), tf.constant(0)));
    Operand<TFloat32> kernelT = tf.slice(kernelsT, tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, width}));
    Operand<TFloat32> backThroughState = tf.concat(List.of(
        tf.slice(kernelsT, tf.constant(new long[] {0, width}), tf.constant(new long[] {-1, -1})),
        tf.constant(identity(u))), tf.constant(0));

    List<Operand<TFloat32>> dhOut = layer.returnSequences()
        ? Bptt.unstack(tf, outputGradient, steps, layout.timeAxis())
        : lastOnly(outputGradient, steps);
    List<Operand<TFloat32>> dh = new ArrayList<>(Collections.nCopies(steps, null));
    Operand<TFloat32> dhRecurrent = null;
    for (int t = steps - 1; t >= 0; t--) {
      Operand<TFloat32> out = dhOut.get(t);
      Operand<TFloat32> total = dhRecurrent == null ? out : out == null ? dhRecurrent : tf.math.add(out, dhRecurrent);
      dh.set(t, total);
      if (t > 0) {
        dhRecurrent = tf.linalg.matMul(tf.math.mul(concat(tf, total, total, total, total), factorSteps.get(t)),
            backThroughState);
      }
    }

    // Weight, bias and input gradients as MatMuls over chunks of steps (time-major rows): a
    // chunk's MatMuls can run on the other core as soon as the recursion has left it.
    Operand<TFloat32> timeMajorInput = unrolled.timeMajorInput();
    List<Operand<TFloat32>> dKernelParts = new ArrayList<>();
    List<Operand<TFloat32>> dRecurrentKernelParts = new ArrayList<>();
    List<Operand<TFloat32>> dInputBiasParts = new ArrayList<>();
    List<Operand<TFloat32>> dRecurrentBiasParts = new ArrayList<>();
    List<Operand<TFloat32>> dInputParts = new ArrayList<>();
    for (int from = 0; from < steps; from += Bptt.CHUNK_STEPS) {
      int to = Math.min(steps, from + Bptt.CHUNK_STEPS);
      Operand<TFloat32> dhChunk = tf.stack(dh.subList(from, to));
      Operand<TFloat32> dh3 = concat(tf, dhChunk, dhChunk, dhChunk);
      Operand<TFloat32> dRecurrent = rows(tf, tf.math.mul(dh3, Bptt.steps(tf, recurrentFactors, from, to)), 3L * u);
      Operand<TFloat32> dInputSide = rows(tf, tf.math.mul(dh3, Bptt.steps(tf, inputFactors, from, to)), 3L * u);
      dRecurrentKernelParts.add(tf.linalg.matMul(
          rows(tf, Bptt.steps(tf, hPrevious, from, to), u), dRecurrent, MatMul.transposeA(true)));
      dKernelParts.add(tf.linalg.matMul(
          rows(tf, Bptt.steps(tf, timeMajorInput, from, to), width), dInputSide, MatMul.transposeA(true)));
      dRecurrentBiasParts.add(tf.reduceSum(dRecurrent, tf.constant(0)));
      dInputBiasParts.add(tf.reduceSum(dInputSide, tf.constant(0)));
      dInputParts.add(tf.reshape(tf.linalg.matMul(dInputSide, kernelT),
          tf.constant(new long[] {to - from, -1, width})));
    }
    Operand<TFloat32> dKernel = Bptt.sum(tf, dKernelParts);
    Operand<TFloat32> dRecurrentKernel = Bptt.sum(tf, dRecurrentKernelParts);
    Operand<TFloat32> dBias = tf.stack(List.of(Bptt.sum(tf, dInputBiasParts), Bptt.sum(tf, dRecurrentBiasParts)));
    Operand<TFloat32> dInput = layout.fromTimeMajor(tf, Bptt.join(tf, dInputParts));
    return new ExplicitGradient.Backward(dInput, Map.of(
        "kernel", WeightGradient.dense(dKernel),
        "recurrent_kernel", WeightGradient.dense(dRecurrentKernel),
        "bias", WeightGradient.dense(dBias)));
  }

  @SafeVarargs
  private static Operand<TFloat32> concat(Ops tf, Operand<TFloat32>... parts) {
    return tf.concat(List.of(parts), tf.constant(-1));
  }

  private static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> x, long columns) {
    return tf.reshape(x, tf.constant(new long[] {-1, columns}));
  }

  private static List<Operand<TFloat32>> lastOnly(Operand<TFloat32> last, int steps) {
    List<Operand<TFloat32>> parts = new ArrayList<>(Collections.nCopies(steps, null));
    parts.set(steps - 1, last);
    return parts;
  }

  private static float[][] identity(int n) {
    float[][] m = new float[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1f;
    }
    return m;
  }
}
