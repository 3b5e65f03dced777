package dev.rnnkit.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer's graph against Keras's formulas computed in Java doubles
 * ({@link ReferenceOptimizer}), for 4 steps, on a model whose Embedding hands back row gradients
 * (ids repeat within a batch) and whose GRU and Dense have dense ones: weights and slots after
 * each step.
 */
class OptimizerFormulaTest {

  private static final int VOCABULARY = 40;
  private static final Sequential ARCH = Sequential.of(InputSpec.tokens(5),
      new Embedding(VOCABULARY, 3), new GRU(4, true), new Dense(1, Activation.SIGMOID));

  static Stream<Arguments> optimizers() {
    OptimizerOptions none = OptimizerOptions.NONE;
    return Stream.of(
        Arguments.of("adam", Adam.keras().withLearningRate(0.01f)),
        Arguments.of("adam amsgrad", Adam.keras().withLearningRate(0.01f).withAmsgrad(true)),
        Arguments.of("adam clipnorm", Adam.keras().withOptions(none.withClipnorm(0.02f))),
        Arguments.of("adam global_clipnorm", Adam.keras().withOptions(none.withGlobalClipnorm(0.03f))),
        Arguments.of("adam clipvalue", Adam.keras().withOptions(none.withClipvalue(0.002f))),
        Arguments.of("adam weight_decay", Adam.keras().withOptions(none.withWeightDecay(0.3f))),
        Arguments.of("adamw", AdamW.keras().withLearningRate(0.01f).withWeightDecay(0.5f)),
        Arguments.of("adamw defaults amsgrad", AdamW.keras().withAmsgrad(true)),
        Arguments.of("rmsprop", RMSprop.keras()),
        Arguments.of("rmsprop centered momentum", RMSprop.keras().withCentered(true).withMomentum(0.9f)),
        Arguments.of("rmsprop momentum clipnorm", RMSprop.keras().withMomentum(0.5f)
            .withOptions(none.withClipnorm(0.02f))),
        Arguments.of("sgd", SGD.keras().withLearningRate(0.5f)),
        Arguments.of("sgd momentum", SGD.keras().withLearningRate(0.5f).withMomentum(0.9f)),
        Arguments.of("sgd nesterov", SGD.keras().withLearningRate(0.5f).withMomentum(0.9f).withNesterov(true)),
        Arguments.of("sgd nesterov global_clipnorm", SGD.keras().withMomentum(0.9f).withNesterov(true)
            .withOptions(none.withGlobalClipnorm(0.03f))),
        Arguments.of("sgd clipvalue", SGD.keras().withLearningRate(0.5f)
            .withOptions(none.withClipvalue(0.002f))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void fourStepsFollowKerasFormulas(String name, Optimizer optimizer) {
    ReferenceOptimizer reference = new ReferenceOptimizer(optimizer);
    try (Model model = Model.compile(ARCH, optimizer, Loss.binaryCrossentropy(), 7)) {
      boolean clipped = false;
      for (int step = 1; step <= 4; step++) {
        SequenceData batch = SyntheticTask.tokens(8, 5, VOCABULARY, step);
        List<double[]> expected = doubles(model.weights());
        List<double[]> grads = new ArrayList<>();
        model.gradients(batch).forEach(g -> grads.add(toDouble(g)));
        clipped |= clips(grads, optimizer.options());
        reference.step(expected, grads);
        model.trainStep(batch, batch.naturalOrder(), 0, batch.size());
        assertEquals(step, model.iterations());
        List<Weight> actual = model.weights();
        for (int i = 0; i < actual.size(); i++) {
          assertClose(expected.get(i), actual.get(i).values(),
              name + ", step " + step + ", " + actual.get(i).name());
        }
        assertSlots(name + ", step " + step, optimizer, reference, model, actual.size());
      }
      assertEquals(optimizer.options().clips(), clipped,
          name + ": the clipping setting must actually change some gradient");
    }
  }

  private static void assertSlots(String what, Optimizer optimizer, ReferenceOptimizer reference,
      Model model, int weights) {
    List<Weight> slots = model.optimizerState().slots();
    int next = 0;
    for (List<String> group : optimizer.slotGroups()) {
      for (int w = 0; w < weights; w++) {
        for (String slot : group) {
          Weight actual = slots.get(next++);
          assertTrue(actual.name().startsWith(optimizer.scope() + "/")
              && actual.name().endsWith("_" + slot), actual.name() + " is slot " + slot);
          assertClose(reference.slot(slot, w), actual.values(), what + ", " + actual.name());
        }
      }
    }
    assertEquals(next, slots.size(), what + ": number of slots");
  }

  /** Whether Keras's clipping changes any of these gradients. */
  private static boolean clips(List<double[]> grads, OptimizerOptions options) {
    List<double[]> clipped = ReferenceOptimizer.clip(grads, options);
    for (int i = 0; i < grads.size(); i++) {
      for (int k = 0; k < grads.get(i).length; k++) {
        if (Math.abs(clipped.get(i)[k] - grads.get(i)[k]) > 1e-9) {
          return true;
        }
      }
    }
    return false;
  }

  static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int k = 0; k < expected.length; k++) {
      double tolerance = 2e-6 + 2e-5 * Math.abs(expected[k]);
      assertEquals(expected[k], actual[k], tolerance, what + "[" + k + "]");
    }
  }

  static List<double[]> doubles(List<Weight> weights) {
    List<double[]> out = new ArrayList<>();
    weights.forEach(w -> out.add(toDouble(w.values())));
    return out;
  }

  static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[k];
    }
    return out;
  }
}
