package dev.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a benchmark builds for a model: its loss, its inputs, its variants, its serving fit. */
class BenchSubjectTest {

  @Test
  void oneSigmoidUnitTrainsOnCrossEntropyAnythingElseOnSquaredError() {
    assertEquals("binary_crossentropy",
        BenchSubject.article(ArticleModels.Cell.BILSTM, false, 50).loss().kerasName());
    Sequential twoSigmoids = Sequential.of(InputSpec.features(4, 3), new LSTM(5, false),
        new Dense(2, Activation.SIGMOID));
    Sequential linear = Sequential.of(InputSpec.features(4, 3), new LSTM(5, false),
        new Dense(1, Activation.LINEAR));
    for (Sequential arch : List.of(twoSigmoids, linear)) {
      assertEquals("mean_squared_error", new BenchSubject("m", arch, List.of()).loss().kerasName());
    }
  }

  @Test
  void anOpenLengthVariantKeepsLayersAndNamesItself() {
    BenchSubject fixed = BenchSubject.article(ArticleModels.Cell.LSTM, true, 50);
    BenchSubject open = fixed.withTimeSteps(InputSpec.OPEN_LENGTH);
    assertEquals("lstm (open length)", open.name());
    assertTrue(open.architecture().input().isOpenLength());
    assertEquals(fixed.architecture().layers(), open.architecture().layers());
    assertTrue(open.outputsSequences());
    BenchSubject file = new BenchSubject("model.keras", open.architecture(), List.of());
    assertEquals("model.keras (50 steps)", file.withTimeSteps(50).name());
    assertEquals(50, file.withTimeSteps(50).architecture().input().timeSteps());
    assertEquals(50, BenchData.timeSteps(open.architecture()));
    assertEquals(12, BenchData.timeSteps(fixed.architecture().withTimeSteps(12)));
  }

  @Test
  void tokenIdsAreValidAndNeverPadding() {
    Sequential arch = Sequential.of(InputSpec.openTokens(), new Embedding(null, 3, 2, true),
        new LSTM(2, false), new Dense(1, Activation.SIGMOID));
    SequenceData data = BenchData.of(arch, 40, 7, 1);
    assertEquals(40, data.size());
    assertEquals(7, data.timeSteps());
    int[] range = data.tokenRange();
    assertEquals(1, range[0]);
    assertEquals(2, range[1]);
    assertEquals(1f, data.label(0));
    assertEquals(0f, data.label(1));
    SequenceData floats = BenchData.of(Sequential.of(InputSpec.openFeatures(3), new LSTM(2, false)),
        4, 5, 1);
    assertFalse(floats.isTokens());
    assertEquals(3, floats.features());
  }

  @Test
  void servingFiguresFitTheArticlesTokenInputOnly() {
    assertNull(ServingBenchmark.whyNotServed(ArticleModels.build(ArticleModels.Cell.LSTM, true)));
    assertNull(ServingBenchmark.whyNotServed(ArticleModels.build(ArticleModels.Cell.BILSTM, false,
        ArticleModels.VOCABULARY, InputSpec.OPEN_LENGTH)));
    assertTrue(ServingBenchmark.whyNotServed(ArticleModels.build(ArticleModels.Cell.LSTM, true,
        500, 50)).contains("Embedding 'embedding' takes ids below 500"));
    assertTrue(ServingBenchmark.whyNotServed(Sequential.of(InputSpec.features(4, 3),
        new LSTM(5, false))).contains("float features"));
  }
}
