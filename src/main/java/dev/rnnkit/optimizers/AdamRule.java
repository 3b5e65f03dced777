package dev.rnnkit.optimizers;

import dev.rnnkit.layers.WeightGradient;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras's Adam {@code update_step} (also AdamW's, whose decay comes before it). Plain Adam runs
 * TensorFlow's {@code ApplyAdam}, which computes Keras's formula in the same order; AMSGrad and a
 * weight-decayed value need the formula written out:
 *
 * <pre>
 * m += (g - m)(1 - b1);  v += (g² - v)(1 - b2);  [amsgrad: v_hat = max(v_hat, v); v = v_hat]
 * var -= m * alpha / (sqrt(v) + eps),  alpha = lr sqrt(1 - b2^t) / (1 - b1^t)
 * </pre>
 */
record AdamRule(float beta1, float beta2, float epsilon, boolean amsgrad) implements UpdateRule {

  @Override
  public Op dense(Ops tf, Variable<TFloat32> var, Operand<TFloat32> current,
      List<Variable<TFloat32>> slots, Operand<TFloat32> g, Operand<TFloat32> lr,
      List<Placeholder<TFloat32>> steps) {
    Variable<TFloat32> m = slots.get(0);
    Variable<TFloat32> v = slots.get(1);
    if (!amsgrad && current == var) {
      return tf.train.applyAdam(var, m, v, steps.get(0), steps.get(1), lr, tf.constant(beta1),
          tf.constant(beta2), tf.constant(epsilon), g);
    }
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> newM = tf.math.add(m, tf.math.mul(tf.math.sub(g, m), tf.constant(KerasOptimizerConfig.oneMinus(beta1))));
    Operand<TFloat32> newV = tf.math.add(v,
        tf.math.mul(tf.math.sub(tf.math.square(g), v), tf.constant(KerasOptimizerConfig.oneMinus(beta2))));
    Operand<TFloat32> alpha = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, steps.get(1)))),
        tf.math.sub(one, steps.get(0)));
    if (!amsgrad) {
      return UpdateRule.assignAll(tf, List.of(var, m, v),
          List.of(step(tf, current, newM, alpha, newV), newM, newV));
    }
    Operand<TFloat32> newVHat = tf.math.maximum(slots.get(2), newV);
    return UpdateRule.assignAll(tf, List.of(var, m, v, slots.get(2)),
        List.of(step(tf, current, newM, alpha, newVHat), newM, newV, newVHat));
  }

  private Operand<TFloat32> step(Ops tf, Operand<TFloat32> current, Operand<TFloat32> m,
      Operand<TFloat32> alpha, Operand<TFloat32> v) {
    return tf.math.sub(current, tf.math.div(tf.math.mul(m, alpha),
        tf.math.add(tf.math.sqrt(v), tf.constant(epsilon))));
  }

  @Override
  public boolean takesRows() {
    return !amsgrad;
  }

  @Override
  public Op rows(Ops tf, Variable<TFloat32> var, List<Variable<TFloat32>> slots, WeightGradient g,
      Operand<TFloat32> lr, List<Placeholder<TFloat32>> steps) {
    return RowAdamUpdate.build(tf, var, slots.get(0), slots.get(1), steps.get(0), steps.get(1), lr,
        tf.constant(beta1), tf.constant(beta2), tf.constant(epsilon), g);
  }
}
