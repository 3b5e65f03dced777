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
 * Builds any {@link Optimizer}'s slots and update ops, in Keras's order: clip the gradients,
 * decay the weights, then the optimizer's own update of each weight ({@link UpdateRule}).
 *
 * <p>A row gradient (an Embedding's) is summed per id into the dense gradient it stands for
 * whenever the update needs the whole gradient (clipping, weight decay, AMSGrad, RMSprop, SGD):
 * the norm and the update are then exactly the dense ones. Only plain Adam keeps the row update
 * ({@link RowAdamUpdate}), whose result equals the dense update.
 */
final class OptimizerGraph {

  private OptimizerGraph() {}

  static Updates build(Optimizer optimizer, Ops tf, List<Variable<TFloat32>> variables,
      List<WeightGradient> gradients) {
    Ops scope = tf.withSubScope(optimizer.scope());
    Placeholder<TFloat32> lr = scalar(scope, "learning_rate");
    List<Placeholder<TFloat32>> steps = new ArrayList<>();
    for (String name : stepNames(optimizer)) {
      steps.add(scalar(scope, name));
    }
    List<Variable<TFloat32>> slots = new ArrayList<>();
    List<Op> inits = new ArrayList<>();
    List<Placeholder<TFloat32>> values = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (List<String> group : optimizer.slotGroups()) {
      for (Variable<TFloat32> var : variables) {
        Shape shape = var.shape();
        String base = var.op().name().replace('/', '_');
        for (String slotName : group) {
          Variable<TFloat32> slot = scope.withName(base + "_" + slotName).variable(shape, TFloat32.class);
          inits.add(scope.assign(slot, scope.zeros(scope.constant(shape), TFloat32.class)));
          Placeholder<TFloat32> value = scope.withName(base + "_" + slotName + "_value")
              .placeholder(TFloat32.class, Placeholder.shape(shape));
          slots.add(slot);
          values.add(value);
          assigns.add(scope.assign(slot, value));
        }
      }
    }
    Updates noApply = new Updates(null, lr, steps, slots, inits, values, assigns);
    return gradients == null ? noApply : applying(optimizer, scope, noApply, variables, gradients);
  }

  /** Adam feeds b1^t and b2^t; the others nothing. */
  private static List<String> stepNames(Optimizer optimizer) {
    return optimizer.stepValues(1).length == 0 ? List.of() : List.of("beta_1_power", "beta_2_power");
  }

  private static Placeholder<TFloat32> scalar(Ops tf, String name) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }

  static Updates applying(Optimizer optimizer, Ops tf, Updates shared,
      List<Variable<TFloat32>> variables, List<WeightGradient> gradients) {
    UpdateRule rule = rule(optimizer);
    OptimizerOptions options = optimizer.options();
    boolean decays = options.weightDecay() != null;
    boolean keepRows = rule.takesRows() && !options.clips() && !decays;
    // Variables are ref variables updated in place: no update may start before every gradient
    // has been computed (and every forward read of a looked-up table has run), or the backward
    // pass would read half-updated weights.
    List<Op> computed = new ArrayList<>();
    for (WeightGradient g : gradients) {
      computed.add(g.value());
      if (g.isRows() && !keepRows) {
        computed.addAll(g.readers());
      }
    }
    Ops after = tf.withControlDependencies(computed);
    List<Operand<TFloat32>> dense = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      WeightGradient g = gradients.get(i);
      dense.add(g.isRows() && keepRows ? null : g.toDense(after, variables.get(i).shape().size(0)));
    }
    dense = Clipping.clip(after, options, dense);
    Operand<TFloat32> lr = shared.learningRate();
    List<Op> applies = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> var = variables.get(i);
      List<Variable<TFloat32>> slots = slotsOf(optimizer, shared, variables.size(), i);
      Operand<TFloat32> current = decays ? decayed(after, var, options.weightDecay(), lr) : var;
      applies.add(dense.get(i) == null
          ? rule.rows(tf, var, slots, gradients.get(i), lr, shared.stepInputs())
          : rule.dense(after, var, current, slots, dense.get(i), lr, shared.stepInputs()));
    }
    return shared.withApply(tf.withControlDependencies(applies).withName("apply").noOp());
  }

  /** Keras's {@code _apply_weight_decay}: {@code var - var * wd * lr}, before the update. */
  private static Operand<TFloat32> decayed(Ops tf, Variable<TFloat32> var, float weightDecay,
      Operand<TFloat32> lr) {
    return tf.math.sub(var, tf.math.mul(tf.math.mul(var, tf.constant(weightDecay)), lr));
  }

  private static List<Variable<TFloat32>> slotsOf(Optimizer optimizer, Updates shared, int weights,
      int weight) {
    List<Variable<TFloat32>> slots = new ArrayList<>();
    List<List<String>> groups = optimizer.slotGroups();
    for (int g = 0; g < groups.size(); g++) {
      for (int p = 0; p < groups.get(g).size(); p++) {
        slots.add(shared.slot(optimizer, weights, weight, g, p));
      }
    }
    return slots;
  }

  private static UpdateRule rule(Optimizer optimizer) {
    if (optimizer instanceof Adam adam) {
      return new AdamRule(adam.beta1(), adam.beta2(), adam.epsilon(), adam.amsgrad());
    } else if (optimizer instanceof AdamW adamW) {
      return new AdamRule(adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.amsgrad());
    } else if (optimizer instanceof RMSprop rms) {
      return new RmspropRule(rms);
    }
    return new SgdRule((SGD) optimizer);
  }
}
