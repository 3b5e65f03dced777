package dev.rnnkit.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras's {@code _clip_gradients} (base_optimizer.py) on dense gradients, as graph ops. */
final class Clipping {

  private Clipping() {}

  /** The gradients clipped as {@code options} says (unchanged when it says nothing). */
  static List<Operand<TFloat32>> clip(Ops tf, OptimizerOptions options, List<Operand<TFloat32>> grads) {
    if (OptimizerOptions.positive(options.clipnorm())) {
      List<Operand<TFloat32>> out = new ArrayList<>();
      grads.forEach(g -> out.add(byNorm(tf, g, options.clipnorm())));
      return out;
    } else if (OptimizerOptions.positive(options.globalClipnorm())) {
      return byGlobalNorm(tf, grads, options.globalClipnorm());
    } else if (OptimizerOptions.positive(options.clipvalue())) {
      Operand<TFloat32> high = tf.constant(options.clipvalue());
      Operand<TFloat32> low = tf.constant(-options.clipvalue());
      List<Operand<TFloat32>> out = new ArrayList<>();
      grads.forEach(g -> out.add(tf.clipByValue(g, low, high)));
      return out;
    }
    return grads;
  }

  /**
   * {@code _clip_by_norm}: g * c / max(||g||, c), with the norm of an all-zero gradient taken as
   * 0 without a square root (Keras's two-tap where).
   */
  private static Operand<TFloat32> byNorm(Ops tf, Operand<TFloat32> g, float clipnorm) {
    Operand<TFloat32> l2sum = tf.reduceSum(tf.math.square(g), allAxes(tf, g));
    Operand<TFloat32> zero = tf.constant(0f);
    var pred = tf.math.greater(l2sum, zero);
    Operand<TFloat32> safe = tf.select(pred, l2sum, tf.onesLike(l2sum));
    Operand<TFloat32> l2norm = tf.select(pred, tf.math.sqrt(safe), l2sum);
    Operand<TFloat32> c = tf.constant(clipnorm);
    return tf.math.div(tf.math.mul(g, c), tf.math.maximum(l2norm, c));
  }

  /**
   * {@code clip_by_global_norm}: every gradient times c * min(1/n, 1/c), n the norm of all of
   * them together; NaN everywhere when n is not finite (Keras adds n - n).
   */
  private static List<Operand<TFloat32>> byGlobalNorm(Ops tf, List<Operand<TFloat32>> grads,
      float clipnorm) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    grads.forEach(g -> squares.add(tf.reduceSum(tf.math.square(g), allAxes(tf, g))));
    Operand<TFloat32> norm = tf.math.sqrt(tf.reduceSum(tf.stack(squares), tf.constant(0)));
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> c = tf.constant(clipnorm);
    Operand<TFloat32> scale = tf.math.add(
        tf.math.mul(c, tf.math.minimum(tf.math.div(one, norm), tf.math.div(one, c))),
        tf.math.sub(norm, norm));
    List<Operand<TFloat32>> out = new ArrayList<>();
    grads.forEach(g -> out.add(tf.math.mul(g, scale)));
    return out;
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> g) {
    return tf.range(tf.constant(0), tf.rank(g), tf.constant(1));
  }
}
