package dev.rnnkit.model;

import dev.rnnkit.optimizers.Updates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Reads and sets the optimizer's slot variables in a session, for checkpoints. */
final class OptimizerSlots {

  private final Updates updates;

  OptimizerSlots(Updates updates) {
    this.updates = updates;
  }

  OptimizerState read(Session session, long iterations) {
    if (updates.slots().isEmpty()) {
      return new OptimizerState(iterations, List.of()); // SGD without momentum
    }
    Session.Runner runner = session.runner();
    updates.slots().forEach(runner::fetch);
    List<Weight> slots = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < updates.slots().size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        slots.add(new Weight(updates.slots().get(i).op().name(), t.shape().asArray(), values));
      }
    }
    return new OptimizerState(iterations, slots);
  }

  /** Sets every slot; the state must come from a model of the same architecture. */
  void assign(Session session, OptimizerState state) {
    List<Variable<TFloat32>> slots = updates.slots();
    if (state.slots().size() != slots.size()) {
      throw new IllegalArgumentException("The optimizer state has " + state.slots().size()
          + " slots but this model has " + slots.size() + ": it was saved from another architecture");
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < slots.size(); i++) {
        Weight w = state.slots().get(i);
        if (!w.name().equals(slots.get(i).op().name())
            || !Arrays.equals(w.shape(), slots.get(i).shape().asArray())) {
          throw new IllegalArgumentException("Optimizer slot " + w + " does not match this model's "
              + slots.get(i).op().name() + slots.get(i).shape() + ": the state was saved with"
              + " another optimizer or architecture; resume with the same settings");
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(w.values(), true, false));
        tensors.add(t);
        runner.feed(updates.slotValues().get(i), t).addTarget(updates.slotAssigns().get(i));
      }
      if (!slots.isEmpty()) {
        runner.run().close();
      }
    } finally {
      tensors.forEach(Tensor::close);
    }
  }
}
