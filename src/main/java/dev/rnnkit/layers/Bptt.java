package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/** Helpers shared by the hand-written backpropagation-through-time passes. */
final class Bptt {

  /**
   * Steps per chunk of the weight and input gradients' MatMuls. Smaller chunks start earlier
   * beside the recursion; more chunks cost more ops. Measured on 2 cores, batch 32, 50 steps:
   * LSTM 5.8-6.2 ms per training step unchunked, 5.2-5.4 with 10, 5.1 with 5.
   */
  static final int CHUNK_STEPS = 5;

  private Bptt() {}

  /** Time steps [from, to) of a time-major tensor [time, batch, ...]. */
  static Operand<TFloat32> steps(Ops tf, Operand<TFloat32> timeMajor, int from, int to) {
    return tf.slice(timeMajor, tf.constant(new int[] {from, 0, 0}), tf.constant(new int[] {to - from, -1, -1}));
  }

  /**
   * A matrix transposed, for MatMuls without a transpose flag: oneDNN runs a transposed operand
   * slower (a 50-step LSTM recursion alone: 1.1-1.3 ms with {@code transpose_b}, 0.8-0.9 without).
   * Grappler folds a Transpose that feeds a MatMul back into the flag, so callers slice the result
   * (or concatenate it) before multiplying.
   */
  static Operand<TFloat32> transposed(Ops tf, Operand<TFloat32> matrix) {
    return tf.linalg.transpose(matrix, tf.constant(new int[] {1, 0}));
  }

  /** The slices of {@code x} along {@code axis}, one per time step. */
  static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, long steps, long axis) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.unstack(x, steps, Unstack.axis(axis)).forEach(parts::add);
    return parts;
  }

  /** Per-chunk parts of a time-major tensor, joined along time. */
  static Operand<TFloat32> join(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
  }

  /** The sum of per-chunk parts. */
  static Operand<TFloat32> sum(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }
}
