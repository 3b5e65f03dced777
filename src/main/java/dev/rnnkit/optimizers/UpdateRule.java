package dev.rnnkit.optimizers;

import dev.rnnkit.layers.WeightGradient;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** An optimizer's {@code update_step} for one weight, as graph ops. */
interface UpdateRule {

  /**
   * The update of {@code var} from the dense gradient {@code g}.
   *
   * @param current the weight's value to update: {@code var} itself, or its weight-decayed value
   * @param slots the weight's slots in the order of {@link Optimizer#slotGroups()}, flattened
   * @param steps the fed scalars of {@link Optimizer#stepValues}
   */
  Op dense(Ops tf, Variable<TFloat32> var, Operand<TFloat32> current,
      List<Variable<TFloat32>> slots, Operand<TFloat32> g, Operand<TFloat32> lr,
      List<Placeholder<TFloat32>> steps);

  /** Whether {@link #rows} updates row gradients directly (else they are made dense first). */
  default boolean takesRows() {
    return false;
  }

  /** The update from row gradients, with the dense update's result. */
  default Op rows(Ops tf, Variable<TFloat32> var, List<Variable<TFloat32>> slots,
      WeightGradient g, Operand<TFloat32> lr, List<Placeholder<TFloat32>> steps) {
    throw new UnsupportedOperationException("Row gradients are made dense for this optimizer");
  }

  /** Assigns every new value after all of them are computed from the old ones. */
  static Op assignAll(Ops tf, List<Variable<TFloat32>> targets, List<Operand<TFloat32>> values) {
    List<Op> assigns = new java.util.ArrayList<>();
    Ops afterValues = tf.withControlDependencies(new java.util.ArrayList<Op>(values));
    for (int i = 0; i < targets.size(); i++) {
      assigns.add(afterValues.assign(targets.get(i), values.get(i)));
    }
    return tf.withControlDependencies(assigns).noOp();
  }
}
