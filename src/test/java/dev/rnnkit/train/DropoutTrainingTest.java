package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Bidirectional.MergeMode;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.layers.SimpleRNN;
import dev.rnnkit.layers.SpatialDropout1D;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dropout in training: gradients with a step's masks against finite differences of the loss with
 * the same masks; fits that are reproducible given the seed, also when resumed; no dropout in
 * evaluate and predict.
 */
class DropoutTrainingTest {

  private static final double STEP = 5e-3;
  /** The training step whose masks the gradient checks use. */
  private static final long MASK_STEP = 3;

  private static final RecurrentOptions INPUT = RecurrentOptions.DEFAULTS.withDropout(0.3f);
  private static final RecurrentOptions BOTH = INPUT.withRecurrentDropout(0.3f);
  private static final RecurrentOptions RECURRENT =
      RecurrentOptions.DEFAULTS.withRecurrentDropout(0.4f);

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("LSTM fused, input dropout", new LSTM(null, 4, true, true, INPUT), false),
        Arguments.of("LSTM fused, input dropout, last", new LSTM(null, 4, false, true, INPUT), false),
        Arguments.of("LSTM, both dropouts", new LSTM(null, 4, true, true, BOTH), false),
        Arguments.of("LSTM go_backwards, recurrent dropout", new LSTM(null, 4, false, true,
            RECURRENT.withGoBackwards(true)), false),
        Arguments.of("LSTM mask_zero, input dropout", new LSTM(null, 4, false, true, INPUT), true),
        Arguments.of("GRU hand-written, input dropout", new GRU(null, 4, true, true, INPUT), false),
        Arguments.of("GRU hand-written, input dropout, last", new GRU(null, 4, false, true, INPUT),
            false),
        Arguments.of("GRU, recurrent dropout", new GRU(null, 4, true, true, RECURRENT), false),
        Arguments.of("GRU reset_before, both", new GRU(null, 4, false, false, BOTH), false),
        Arguments.of("GRU mask_zero, both", new GRU(null, 4, true, true, BOTH), true),
        Arguments.of("SimpleRNN, both", new SimpleRNN(null, 4, true, BOTH), false),
        Arguments.of("Bidirectional LSTM, both",
            new Bidirectional(new LSTM(null, 3, true, true, BOTH), MergeMode.SUM), false),
        Arguments.of("Bidirectional GRU mask_zero, input",
            new Bidirectional(new GRU(null, 3, false, true, INPUT)), true));
  }

  private static Sequential withDropouts(Layer rnn, boolean maskZero) {
    return Sequential.of(InputSpec.tokens(5), new Embedding(null, 12, 3, maskZero),
        new SpatialDropout1D(0.2f), rnn, new Dropout(0.25f), new Dense(3, Activation.TANH),
        new Dense(1, Activation.SIGMOID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void gradientsWithTheStepsMasksMatchFiniteDifferences(String label, Layer rnn,
      boolean maskZero) {
    int[][] ids = {{1, 4, 7, 0, 0}, {3, 3, 9, 2, 5}, {10, 6, 1, 8, 4}, {2, 7, 0, 0, 0}};
    SequenceData batch = SequenceData.ofTokens(ids, new float[] {1, 0, 1, 0});
    try (Model model = Model.compile(withDropouts(rnn, maskZero), 21)) {
      List<float[]> analytic = model.gradients(batch, MASK_STEP);
      assertFalse(sameGradients(analytic, model.gradients(batch)),
          label + ": the masks change the gradients");
      List<Weight> base = model.weights();
      SplittableRandom pick = new SplittableRandom(5);
      for (int w = 0; w < base.size(); w++) {
        Weight weight = base.get(w);
        for (int k = 0; k < 5; k++) {
          int index = weight.name().endsWith("embeddings")
              ? ids[1][k % 5] * 3 + k % 3 // rows the batch reaches
              : pick.nextInt(weight.values().length);
          double numeric = (lossWith(model, base, w, index, STEP, batch)
              - lossWith(model, base, w, index, -STEP, batch)) / (2 * STEP);
          assertEquals(numeric, analytic.get(w)[index], 2e-4 + 0.02 * Math.abs(numeric),
              label + " " + weight.name() + "[" + index + "]");
        }
      }
    }
  }

  private static boolean sameGradients(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The loss with the masks of {@link #MASK_STEP}, weight w's entry moved by delta. */
  private static double lossWith(Model model, List<Weight> base, int w, int index, double delta,
      SequenceData batch) {
    List<Weight> moved = new ArrayList<>(base);
    float[] values = base.get(w).values().clone();
    values[index] += (float) delta;
    moved.set(w, new Weight(base.get(w).name(), base.get(w).shape(), values));
    model.setWeights(moved);
    double loss = model.trainingLoss(batch, MASK_STEP);
    model.setWeights(base);
    return loss;
  }

  private static final SequenceData TRAIN = SyntheticTask.tokens(320, 12, 200, 5);

  private static Sequential dropoutModel(float rate) {
    return Sequential.of(InputSpec.tokens(12), new Embedding(200, 8), new SpatialDropout1D(rate),
        new LSTM(null, 8, false, true, RecurrentOptions.DEFAULTS.withDropout(rate)
            .withRecurrentDropout(rate)), new Dropout(rate), new Dense(1, Activation.SIGMOID));
  }

  private static FitOptions.Builder options() {
    return FitOptions.builder().epochs(3).batchSize(32).shuffleSeed(4).progressOut(null);
  }

  private static List<Weight> fitted(long seed, Long dropoutSeed) {
    try (Model model = Model.compile(dropoutModel(0.3f), seed)) {
      if (dropoutSeed != null) {
        model.setDropoutSeed(dropoutSeed);
      }
      Trainer.fit(model, TRAIN, options().epochs(1).build());
      return model.weights();
    }
  }

  @Test
  void twoFitsOfTheSameSeedEndWithTheSameWeights() {
    List<Weight> first = fitted(7, null);
    assertWeightsEqual(first, fitted(7, null));
    assertFalse(Arrays.equals(first.get(0).values(), fitted(7, 8L).get(0).values()),
        "another dropout seed, other masks, other weights");
  }

  private static void assertWeightsEqual(List<Weight> expected, List<Weight> got) {
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).values(), got.get(i).values(), 0f, expected.get(i).name());
    }
  }

  /** The same weights without dropout predict and evaluate exactly the same: no noise there. */
  @Test
  void evaluateAndPredictHaveNoDropout() {
    SequenceData data = SyntheticTask.tokens(64, 12, 200, 9);
    try (Model dropout = Model.compile(dropoutModel(0.5f), 3);
        Model plain = Model.compile(dropoutModel(0f), 3)) {
      Trainer.fit(dropout, TRAIN, options().epochs(1).build());
      plain.setWeights(dropout.weights());
      assertTrue(Arrays.deepEquals(plain.predict(data, 16), dropout.predict(data, 16)));
      assertEquals(plain.evaluate(data, 16).loss(), dropout.evaluate(data, 16).loss(), 0.0);
      assertEquals(plain.trainingLoss(data, 0), dropout.trainingLoss(data, 0), 0.0);
      assertTrue(Math.abs(dropout.trainingLoss(data, 5) - dropout.trainingLoss(data, 0)) > 1e-4,
          "a training step's loss has the masks");
    }
  }

  /** Rate 0 adds nothing to the graph: the model without any dropout's graph. */
  @Test
  void rateZeroBuildsTheGraphWithoutDropout() {
    try (Model zero = Model.compile(dropoutModel(0f), 3);
        Model none = Model.compile(Sequential.of(InputSpec.tokens(12), new Embedding(200, 8),
            new LSTM(null, 8, false, true, RecurrentOptions.DEFAULTS),
            new Dense(1, Activation.SIGMOID)), 3);
        Model some = Model.compile(dropoutModel(0.1f), 3)) {
      // The same ops (TensorFlow's gradient builder does not keep their order from graph to graph).
      assertEquals(sorted(none.operationTypes()), sorted(zero.operationTypes()));
      assertTrue(some.operationTypes().contains("StatelessRandomUniform"));
      assertFalse(zero.operationTypes().contains("StatelessRandomUniform"));
    }
  }

  private static List<String> sorted(List<String> types) {
    return types.stream().sorted().toList();
  }

  /** A fit stopped mid-epoch and resumed from its checkpoint draws the masks it would have. */
  @Test
  void aResumedFitEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    List<Weight> expected;
    try (Model model = Model.compile(dropoutModel(0.3f), 4)) {
      Trainer.fit(model, TRAIN, options().build());
      expected = model.weights();
    }
    Path file = dir.resolve("checkpoint.bin");
    Map<String, Object> run = Map.of("seed", 4, "epochs", 3);
    AtomicInteger polls = new AtomicInteger();
    try (Model first = Model.compile(dropoutModel(0.3f), 4)) {
      BackupAndRestore backup = BackupAndRestore.open(first, file, true, run, null);
      // Polled after every step and epoch end (10 steps per epoch): the 15th is after step 4 of
      // the second epoch.
      History partial = Trainer.fit(first, TRAIN, options().callbacks(backup,
          new StopOnRequest(() -> polls.incrementAndGet() == 15)).build());
      assertTrue(partial.stoppedEarly());
    }
    try (Model second = Model.compile(dropoutModel(0.3f), 4)) {
      BackupAndRestore backup = BackupAndRestore.open(second, file, true, run, null);
      Trainer.fit(second, TRAIN, options().callbacks(backup).build());
      assertWeightsEqual(expected, second.weights());
      assertEquals(30, second.iterations());
    }
  }
}
