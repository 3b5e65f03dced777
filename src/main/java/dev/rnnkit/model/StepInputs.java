package dev.rnnkit.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Session;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The scalars an optimizer is fed at one step (Adam's b1^t and b2^t), as tensors to close. */
final class StepInputs implements AutoCloseable {

  private final List<TFloat32> tensors = new ArrayList<>();

  StepInputs(float[] values) {
    for (float v : values) {
      tensors.add(TFloat32.scalarOf(v));
    }
  }

  void feed(Session.Runner runner, List<Placeholder<TFloat32>> placeholders) {
    for (int i = 0; i < tensors.size(); i++) {
      runner.feed(placeholders.get(i), tensors.get(i));
    }
  }

  @Override
  public void close() {
    tensors.forEach(TFloat32::close);
  }
}
