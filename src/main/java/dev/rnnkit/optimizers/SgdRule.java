package dev.rnnkit.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras's SGD {@code update_step}:
 *
 * <pre>
 * momentum = 0: var -= g lr
 * else:         m = m momentum - g lr
 *               nesterov: var += m momentum - g lr;  else var += m
 * </pre>
 */
record SgdRule(SGD settings) implements UpdateRule {

  @Override
  public Op dense(Ops tf, Variable<TFloat32> var, Operand<TFloat32> current,
      List<Variable<TFloat32>> slots, Operand<TFloat32> g, Operand<TFloat32> lr,
      List<Placeholder<TFloat32>> steps) {
    Operand<TFloat32> gLr = tf.math.mul(g, lr);
    if (settings.momentum() == 0) {
      return UpdateRule.assignAll(tf, List.of(var), List.of(tf.math.sub(current, gLr)));
    }
    Variable<TFloat32> m = slots.get(0);
    Operand<TFloat32> momentum = tf.constant(settings.momentum());
    Operand<TFloat32> newM = tf.math.sub(tf.math.mul(m, momentum), gLr);
    Operand<TFloat32> change = settings.nesterov()
        ? tf.math.sub(tf.math.mul(newM, momentum), gLr) : newM;
    return UpdateRule.assignAll(tf, List.of(m, var), List.of(newM, tf.math.add(current, change)));
  }
}
