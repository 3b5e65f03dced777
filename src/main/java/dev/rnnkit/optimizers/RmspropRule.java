package dev.rnnkit.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras's RMSprop {@code update_step}:
 *
 * <pre>
 * velocity = rho velocity + (1 - rho) g²
 * centered: average_gradient = rho average_gradient + (1 - rho) g;
 *           denominator = velocity - average_gradient² + eps   (else velocity + eps)
 * increment = lr g / sqrt(denominator)
 * momentum > 0: momentum_slot = momentum momentum_slot + increment; var -= momentum_slot
 * else:         var -= increment
 * </pre>
 */
record RmspropRule(RMSprop settings) implements UpdateRule {

  @Override
  public Op dense(Ops tf, Variable<TFloat32> var, Operand<TFloat32> current,
      List<Variable<TFloat32>> slots, Operand<TFloat32> g, Operand<TFloat32> lr,
      List<Placeholder<TFloat32>> steps) {
    Operand<TFloat32> rho = tf.constant(settings.rho());
    Operand<TFloat32> oneMinusRho = tf.constant(KerasOptimizerConfig.oneMinus(settings.rho()));
    Operand<TFloat32> eps = tf.constant(settings.epsilon());
    Variable<TFloat32> velocity = slots.get(0);
    List<Variable<TFloat32>> targets = new ArrayList<>(List.of(velocity));
    Operand<TFloat32> newVelocity = tf.math.add(tf.math.mul(rho, velocity),
        tf.math.mul(oneMinusRho, tf.math.square(g)));
    List<Operand<TFloat32>> values = new ArrayList<>(List.of(newVelocity));
    int next = 1;
    Variable<TFloat32> momentum = settings.momentum() > 0 ? slots.get(next++) : null;
    Operand<TFloat32> denominator;
    if (settings.centered()) {
      Variable<TFloat32> average = slots.get(next);
      Operand<TFloat32> newAverage = tf.math.add(tf.math.mul(rho, average),
          tf.math.mul(oneMinusRho, g));
      targets.add(average);
      values.add(newAverage);
      denominator = tf.math.add(tf.math.sub(newVelocity, tf.math.square(newAverage)), eps);
    } else {
      denominator = tf.math.add(newVelocity, eps);
    }
    Operand<TFloat32> increment = tf.math.div(tf.math.mul(lr, g), tf.math.sqrt(denominator));
    if (momentum != null) {
      Operand<TFloat32> newMomentum = tf.math.add(
          tf.math.mul(tf.constant(settings.momentum()), momentum), increment);
      targets.add(momentum);
      values.add(newMomentum);
      increment = newMomentum;
    }
    targets.add(var);
    values.add(tf.math.sub(current, increment));
    return UpdateRule.assignAll(tf, targets, values);
  }
}
