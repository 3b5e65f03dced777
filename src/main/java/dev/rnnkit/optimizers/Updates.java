package dev.rnnkit.optimizers;

import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An optimizer's part of a training graph.
 *
 * @param apply runs one update of every weight (null when built without gradients)
 * @param learningRate fed at every step
 * @param stepInputs fed at every step with {@link Optimizer#stepValues}
 * @param slots every slot variable, in Keras's order (see {@link Optimizer#slotGroups()})
 * @param slotInitializers set every slot to zeros
 * @param slotValues one placeholder per slot, to set it
 * @param slotAssigns one assignment per slot, from its placeholder
 */
public record Updates(
    Op apply,
    Placeholder<TFloat32> learningRate,
    List<Placeholder<TFloat32>> stepInputs,
    List<Variable<TFloat32>> slots,
    List<Op> slotInitializers,
    List<Placeholder<TFloat32>> slotValues,
    List<Op> slotAssigns) {

  public Updates {
    stepInputs = List.copyOf(stepInputs);
    slots = List.copyOf(slots);
    slotInitializers = List.copyOf(slotInitializers);
    slotValues = List.copyOf(slotValues);
    slotAssigns = List.copyOf(slotAssigns);
  }

  Updates withApply(Op newApply) {
    return new Updates(newApply, learningRate, stepInputs, slots, slotInitializers, slotValues,
        slotAssigns);
  }

  /** The slot of weight {@code weight} in group {@code group} at {@code position} in it. */
  Variable<TFloat32> slot(Optimizer optimizer, int weights, int weight, int group, int position) {
    int start = 0;
    List<List<String>> groups = optimizer.slotGroups();
    for (int g = 0; g < group; g++) {
      start += groups.get(g).size() * weights;
    }
    return slots.get(start + weight * groups.get(group).size() + position);
  }
}
