package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.LayerWeights;
import dev.rnnkit.layers.SequenceLayout;
import dev.rnnkit.layers.WeightSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A model that fails while it is being compiled reports the error and frees what it built. */
class FailedCompileTest {

  /** A Dense layer whose kernel initializer fails: it runs after the session exists. */
  private record FailingInitializer(Dense dense) implements Layer {
    @Override public String name() { return dense.name(); }
    @Override public Layer withName(String name) { return new FailingInitializer((Dense) dense.withName(name)); }
    @Override public String kerasClassName() { return dense.kerasClassName(); }
    @Override public String defaultNamePrefix() { return dense.defaultNamePrefix(); }
    @Override public Shape outputShape(Shape inputShape) { return dense.outputShape(inputShape); }
    @Override public long forwardFlopsPerSample(Shape inputShape) { return 0; }
    @Override public Map<String, Object> kerasConfig() { return dense.kerasConfig(); }

    @Override
    public List<WeightSpec> weightSpecs(Shape inputShape) {
      return dense.weightSpecs(inputShape).stream()
          .map(w -> new WeightSpec(w.name(), w.shape(), (shape, random) -> {
            throw new IllegalStateException("initializer failed on purpose");
          }))
          .toList();
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
        SequenceLayout layout) {
      return dense.call(tf, input, inputShape, weights, layout);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // the failure this guards against was a hang
  void anErrorAfterTheSessionExistsIsThrownNotHung() {
    Sequential arch = Sequential.of(InputSpec.features(3, 2),
        new FailingInitializer(new Dense(1, Activation.SIGMOID)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Model.compile(arch, 1));
    assertEquals("initializer failed on purpose", e.getMessage());
  }
}
