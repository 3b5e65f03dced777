package dev.rnnkit.optimizers;

import dev.rnnkit.layers.WeightGradient;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras's Adam: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7 by default. Per
 * step t (from 1), with g the gradient:
 *
 * <pre>
 * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g²
 * var -= lr * sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps)
 * </pre>
 *
 * The step count lives in Java and reaches the graph as the fed powers b1^t and b2^t, so the
 * optimizer state is the slots plus one integer. The learning rate is fed with them, the
 * record's value unless the model's was changed (ReduceLROnPlateau), so that it can change
 * between two steps; the same float reaches the same kernels as a constant would.
 */
public record Adam(float learningRate, float beta1, float beta2, float epsilon) {

  public Adam {
    if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "Adam needs learning_rate > 0, 0 <= beta_1, beta_2 < 1 and epsilon > 0; got "
              + learningRate + ", " + beta1 + ", " + beta2 + ", " + epsilon);
    }
  }

  /** Keras's defaults. */
  public static Adam keras() {
    return new Adam(0.001f, 0.9f, 0.999f, 1e-7f);
  }

  public Adam withLearningRate(float lr) {
    return new Adam(lr, beta1, beta2, epsilon);
  }

  /** b1^t as the graph is fed it for step {@code t} (1-based). */
  public float beta1Power(long t) {
    return (float) Math.pow(beta1, t);
  }

  public float beta2Power(long t) {
    return (float) Math.pow(beta2, t);
  }

  /** The optimizer's part of a training graph. */
  public record Updates(
      Op apply,
      Placeholder<TFloat32> beta1Power,
      Placeholder<TFloat32> beta2Power,
      Placeholder<TFloat32> learningRate,
      List<Variable<TFloat32>> slots,
      List<Op> slotInitializers,
      List<Placeholder<TFloat32>> slotValues,
      List<Op> slotAssigns) {}

  /**
   * Adds slots m and v for each variable and its update: one ApplyAdam per variable with a dense
   * gradient, a {@link RowAdamUpdate} (same result) per variable with row gradients.
   */
  public Updates build(
      Ops tf, List<Variable<TFloat32>> variables, List<WeightGradient> gradients) {
    Ops adam = tf.withSubScope("adam");
    Placeholder<TFloat32> b1Power =
        adam.withName("beta_1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> b2Power =
        adam.withName("beta_2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> lr =
        adam.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Variable<TFloat32>> slots = new ArrayList<>();
    List<Op> inits = new ArrayList<>();
    List<Placeholder<TFloat32>> values = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (Variable<TFloat32> var : variables) {
      Shape shape = var.shape();
      String base = var.op().name().replace('/', '_');
      Variable<TFloat32> m = adam.withName(base + "_m").variable(shape, TFloat32.class);
      Variable<TFloat32> v = adam.withName(base + "_v").variable(shape, TFloat32.class);
      inits.add(adam.assign(m, adam.zeros(adam.constant(shape), TFloat32.class)));
      inits.add(adam.assign(v, adam.zeros(adam.constant(shape), TFloat32.class)));
      for (Variable<TFloat32> slot : List.of(m, v)) {
        Placeholder<TFloat32> value = adam.withName(slot.op().name().substring("adam/".length()) + "_value")
            .placeholder(TFloat32.class, Placeholder.shape(shape));
        slots.add(slot);
        values.add(value);
        assigns.add(adam.assign(slot, value));
      }
    }
    Updates noApply = new Updates(null, b1Power, b2Power, lr, List.copyOf(slots), List.copyOf(inits),
        List.copyOf(values), List.copyOf(assigns));
    return gradients == null ? noApply : applying(adam, noApply, variables, gradients);
  }

  /**
   * {@code shared}'s slots and step placeholders with a new update op from {@code gradients}: a
   * second graph of the same variables (another sequence length) updates the same Adam state.
   * {@code tf} names the new ops' scope.
   */
  public Updates applying(Ops tf, Updates shared, List<Variable<TFloat32>> variables,
      List<WeightGradient> gradients) {
    Operand<TFloat32> lr = shared.learningRate();
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    Operand<TFloat32> eps = tf.constant(epsilon);
    List<Op> applies = new ArrayList<>();
    // Variables are ref variables updated in place: no update may start before every gradient
    // has been computed, or the backward pass would read half-updated weights.
    List<Op> computed = new ArrayList<>();
    gradients.forEach(g -> computed.add(g.value()));
    Ops afterGradients = tf.withControlDependencies(computed);
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> var = variables.get(i);
      Variable<TFloat32> m = shared.slots().get(2 * i);
      Variable<TFloat32> v = shared.slots().get(2 * i + 1);
      WeightGradient g = gradients.get(i);
      applies.add(g.isRows()
          ? RowAdamUpdate.build(tf, var, m, v, shared.beta1Power(), shared.beta2Power(), lr, b1,
              b2, eps, g)
          : afterGradients.train.applyAdam(var, m, v, shared.beta1Power(), shared.beta2Power(),
              lr, b1, b2, eps, g.dense()));
    }
    Op apply = tf.withControlDependencies(applies).withName("apply").noOp();
    return new Updates(apply, shared.beta1Power(), shared.beta2Power(), shared.learningRate(),
        shared.slots(),
        shared.slotInitializers(), shared.slotValues(), shared.slotAssigns());
  }
}
