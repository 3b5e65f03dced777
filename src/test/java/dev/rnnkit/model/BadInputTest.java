package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingDivergedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a message that names the problem and the fix, never a native crash. */
class BadInputTest {

  private static Model model;
  private static final FitOptions QUIET = FitOptions.builder().progressOut(null).build();

  @BeforeAll
  static void compile() {
    model = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, false, 100, 8), 1);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static void assertMessage(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
    }
  }

  @Test
  void tokenIdOutOfRange() {
    int[][] ids = {{1, 2, 3, 4, 5, 6, 7, 8}, {1, 2, 3, 100, 5, 6, 7, 8}};
    assertMessage(() -> Trainer.fit(model, SequenceData.ofTokens(ids, new float[] {0, 1}), QUIET),
        "Token id out of range", "sequence 1", "[0, 100)", "out-of-vocabulary id 2");
    int[][] negative = {{1, 2, 3, -1, 5, 6, 7, 8}};
    assertMessage(() -> model.predict(SequenceData.ofTokens(negative, null), 8), "out of range");
  }

  @Test
  void wrongDtypeOrShape() {
    assertMessage(() -> model.predict(SyntheticTask.features(2, 8, 1, 1), 8),
        "float features", "int32", "(None, 8)");
    int[][] tooShort = {{1, 2, 3}};
    assertMessage(() -> model.predict(SequenceData.ofTokens(tooShort, null), 8),
        "(None, 3)", "(None, 8)", "pad or truncate");
    assertMessage(() -> SequenceData.ofTokens(new int[][] {{1, 2}, {1}}, null), "length");
  }

  @Test
  void labelsNotZeroOrOne() {
    int[][] ids = {{1, 2, 3, 4, 5, 6, 7, 8}};
    assertMessage(() -> Trainer.fit(model, SequenceData.ofTokens(ids, new float[] {2}), QUIET),
        "Label 2.0", "not 0 or 1");
    assertMessage(() -> model.evaluate(SequenceData.ofTokens(ids, new float[] {0.5f}), 1), "not 0 or 1");
  }

  @Test
  void batchSizeZeroAndEmptyData() {
    SequenceData data = SyntheticTask.tokens(4, 8, 100, 1);
    assertMessage(() -> FitOptions.builder().batchSize(0).build(), "batch size");
    assertMessage(() -> model.predict(data, 0), "batch size");
    assertMessage(() -> model.evaluate(data, 0), "batch size");
    SequenceData empty = SequenceData.ofTokens(new int[0][], new float[0]);
    assertMessage(() -> Trainer.fit(model, empty, QUIET), "0 sequences");
    assertMessage(() -> model.evaluate(empty, 4), "0 sequences");
    assertMessage(() -> SequenceData.ofTokens(new int[][] {{1}}, new float[] {1, 0}), "one label per sequence");
  }

  @Test
  void nanInputsAndDivergingLoss() {
    Sequential floatModel = Sequential.of(InputSpec.features(2, 1), new LSTM(2, false),
        new Dense(1, Activation.SIGMOID));
    try (Model m = Model.compile(floatModel, 1)) {
      SequenceData nan = SequenceData.ofFeatures(new float[][][] {{{1f}, {Float.NaN}}}, new float[] {1});
      assertMessage(() -> Trainer.fit(m, nan, QUIET), "NaN");
    }
    // A huge learning rate on a linear output with MSE diverges: training stops with a message.
    Sequential regression = Sequential.of(InputSpec.features(2, 1), new Dense(8, Activation.RELU),
        new Dense(1, Activation.LINEAR));
    try (Model m = Model.compile(regression, dev.rnnkit.optimizers.Adam.keras().withLearningRate(1e30f),
        dev.rnnkit.losses.Loss.meanSquaredError(), 1)) {
      float[][][] x = new float[64][2][1];
      float[] y = new float[64];
      for (int i = 0; i < 64; i++) {
        x[i][0][0] = 1e18f;
        x[i][1][0] = -1e18f;
        y[i] = 1e18f;
      }
      SequenceData data = SequenceData.ofFeatures(x, y);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> Trainer.fit(m, data, FitOptions.builder().epochs(5).batchSize(8).progressOut(null).build()));
      assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    }
  }

  @Test
  void multiUnitOutputCannotTrainOnOneLabel() {
    Sequential twoUnits = Sequential.of(InputSpec.features(2, 1), new Dense(2, Activation.SOFTMAX));
    try (Model m = Model.compile(twoUnits, 1)) {
      assertMessage(() -> Trainer.fit(m, SyntheticTask.features(4, 2, 1, 1), QUIET), "Dense(1");
    }
  }
}
