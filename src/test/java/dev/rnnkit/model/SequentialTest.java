package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {

  @Test
  void articleLstmHasKerasParamCountsAndSummary() {
    Sequential lstm = ArticleModels.build(ArticleModels.Cell.LSTM, true);
    assertEquals(677_249, lstm.paramCount());
    List<Long> perLayer = java.util.stream.IntStream.range(0, 4)
        .mapToObj(i -> lstm.layers().get(i).paramCount(lstm.inputShapeOf(i))).toList();
    assertEquals(List.of(640_000L, 33_024L, 4_160L, 65L), perLayer);
    String summary = lstm.summary();
    assertTrue(summary.contains("Total params: 677,249"), summary);
    assertTrue(summary.contains("lstm (LSTM)"), summary);
    assertTrue(summary.contains("(None, 50, 64)"), summary);
    assertTrue(summary.contains("dense_1 (Dense)"), summary);
    assertTrue(summary.contains("(None, 50, 1)"), summary);
  }

  @Test
  void articleGruHasKerasParamCounts() {
    assertEquals(669_185, ArticleModels.build(ArticleModels.Cell.GRU, true).paramCount());
    // reset_after=False drops the second bias row: 3 * (64*64 + 64*64 + 64) = 24,768.
    Sequential v1 = ArticleModels.build(ArticleModels.Cell.GRU_RESET_BEFORE, false);
    assertEquals(24_768, v1.layers().get(1).paramCount(v1.inputShapeOf(1)));
    assertTrue(v1.summary().contains("(None, 1)"), "many-to-one output");
  }

  @Test
  void articleModelOfThreeClassesEndsInASoftmaxOfThree() {
    Sequential three = ArticleModels.build(ArticleModels.Cell.LSTM, false, 100, 10, 3);
    Dense last = (Dense) three.layers().get(three.layers().size() - 1);
    assertEquals(List.of(3, Activation.SOFTMAX), List.of(last.units(), last.activation()));
    assertEquals("sparse_categorical_crossentropy", three.fittingLoss().kerasName());
    // Two classes stay the article's Dense(1, sigmoid) and binary cross-entropy.
    Sequential two = ArticleModels.build(ArticleModels.Cell.LSTM, false, 100, 10, 2);
    assertTrue(two.hasSigmoidOutput());
    assertEquals(ArticleModels.build(ArticleModels.Cell.LSTM, false, 100, 10).summary(),
        two.summary());
    assertThrows(IllegalArgumentException.class,
        () -> ArticleModels.build(ArticleModels.Cell.LSTM, false, 100, 10, 1));
  }

  @Test
  void unnamedLayersGetKerasDefaultNames() {
    Sequential model = Sequential.of(InputSpec.features(3, 2), new LSTM(4, true),
        new Dense(4, Activation.RELU), new Dense(2, Activation.RELU), new Dense(1, Activation.SIGMOID));
    assertEquals(List.of("lstm", "dense", "dense_1", "dense_2"),
        model.layers().stream().map(l -> l.name()).toList());
  }

  @Test
  void duplicateNamesAndBadShapesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sequential.of(InputSpec.features(3, 2),
        new Dense("d", 2, Activation.RELU), new Dense("d", 1, Activation.SIGMOID)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sequential.of(InputSpec.tokens(5), new LSTM(4, false)));
    assertTrue(e.getMessage().contains("[batch, time, features]"), e.getMessage());
  }

  /** The loss Keras users pair with each kind of output, TimeDistributed(Dense) as Dense. */
  @Test
  void theFittingLossFollowsTheOutput() {
    java.util.function.Function<dev.rnnkit.layers.Layer, String> lossOf = last -> Sequential.of(
        InputSpec.features(4, 2), new LSTM(3, true), last).fittingLoss().kerasName();
    assertEquals("binary_crossentropy", lossOf.apply(new Dense(1, Activation.SIGMOID)));
    assertEquals("sparse_categorical_crossentropy", lossOf.apply(new Dense(3, Activation.SOFTMAX)));
    assertEquals("mean_squared_error", lossOf.apply(new Dense(2, Activation.LINEAR)));
    assertEquals("binary_crossentropy", lossOf.apply(
        new dev.rnnkit.layers.TimeDistributed(new Dense(1, Activation.SIGMOID))));
    assertEquals("sparse_categorical_crossentropy", lossOf.apply(
        new dev.rnnkit.layers.TimeDistributed(new Dense(4, Activation.SOFTMAX))));
  }
}
