package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The inference-only model: a compiled model's numbers without its training state. */
class InferenceModelTest {

  private static Sequential article(ArticleModels.Cell cell) {
    return ArticleModels.build(cell, true, 50, 7);
  }

  private static SequenceData tokens(int n) {
    SplittableRandom random = new SplittableRandom(3);
    int[][] sequences = new int[n][7];
    for (int[] s : sequences) {
      for (int t = 0; t < s.length; t++) {
        s[t] = random.nextInt(50);
      }
    }
    return SequenceData.ofTokens(sequences, null);
  }

  @ParameterizedTest
  @EnumSource(ArticleModels.Cell.class)
  void predictsBitForBitAsACompiledModelWithTheSameWeights(ArticleModels.Cell cell) {
    Sequential architecture = article(cell);
    SequenceData data = tokens(37);
    try (Model compiled = Model.compile(architecture, 11)) {
      // Weights from another seed, set on the compiled model: not its own initial draw.
      List<Weight> weights;
      try (Model other = Model.compile(architecture, 12)) {
        weights = other.weights();
      }
      compiled.setWeights(weights);
      try (InferenceModel inference = InferenceModel.of(architecture, weights)) {
        assertEquals(weights, inference.weights());
        float[][] expected = compiled.predict(data, 8);
        float[][] actual = inference.predict(data, 8);
        for (int i = 0; i < expected.length; i++) {
          assertArrayEquals(expected[i], actual[i], "sequence " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ArticleModels.Cell.class)
  void evaluatesBitForBitAsACompiledModelWithTheSameWeights(ArticleModels.Cell cell) {
    Sequential architecture = article(cell);
    SequenceData data = labelled(tokens(29));
    try (Model compiled = Model.compile(architecture, 11);
        Model other = Model.compile(architecture, 12)) {
      compiled.setWeights(other.weights());
      try (InferenceModel inference =
          InferenceModel.of(architecture, other.weights(), compiled.loss())) {
        Evaluation expected = compiled.evaluate(data, 8);
        Evaluation actual = inference.evaluate(data, 8);
        // Exact doubles: the same batches, summed in the same order.
        assertEquals(expected, actual);
        assertEquals(3, expected.metrics().size(), "loss and both accuracies compared");
      }
      try (InferenceModel predictOnly = InferenceModel.of(architecture, other.weights())) {
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> predictOnly.evaluate(data, 8));
        assertTrue(e.getMessage().contains("InferenceModel.of(architecture, weights, loss)"));
      }
    }
  }

  private static SequenceData labelled(SequenceData unlabelled) {
    int n = unlabelled.size();
    int[][] sequences = new int[n][];
    float[] labels = new float[n];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      sequences[i] = unlabelled.tokensOf(i);
      labels[i] = random.nextBoolean() ? 1 : 0;
    }
    return SequenceData.ofTokens(sequences, labels);
  }

  @ParameterizedTest
  @EnumSource(ArticleModels.Cell.class)
  void holdsOnlyTheWeightsAndNoRandomOrTrainingOps(ArticleModels.Cell cell) {
    Sequential architecture = article(cell);
    try (Model compiled = Model.compile(architecture, 1);
        InferenceModel inference = InferenceModel.of(architecture, compiled.weights(),
            compiled.loss())) {
      List<String> types = inference.operationTypes();
      // One variable per weight: no Adam slots (a compiled model has two more per weight).
      assertEquals(architecture.weightSpecs().size(),
          types.stream().filter(t -> t.startsWith("Variable")).count());
      assertTrue(types.stream().noneMatch(t -> t.startsWith("Random") || t.startsWith("Apply")
          || t.contains("Grad")), types.toString());
      // Measured with the loss built in: LSTM 122 ops against 1057, GRU 1006 against 1868.
      assertTrue(inference.graphOperationCount() < compiled.graphOperationCount() * 0.6,
          inference.graphOperationCount() + " ops against " + compiled.graphOperationCount());
    }
  }

  @Test
  void refusesMissingExtraAndMisshapenWeightsByName() {
    Sequential architecture = article(ArticleModels.Cell.GRU);
    List<Weight> weights;
    try (Model compiled = Model.compile(architecture, 1)) {
      weights = compiled.weights();
    }
    List<Weight> missing = new ArrayList<>(weights);
    missing.removeIf(w -> w.name().equals("gru/recurrent_kernel"));
    assertMessage(missing, "No value for weight 'gru/recurrent_kernel' of shape [64, 192]");

    List<Weight> extra = new ArrayList<>(weights);
    extra.add(new Weight("gru/peephole", new long[] {2}, new float[2]));
    assertMessage(extra, "The model has no weight 'gru/peephole' (given with shape [2])");

    List<Weight> misshapen = new ArrayList<>(weights);
    misshapen.replaceAll(w -> w.name().equals("gru/bias")
        ? new Weight("gru/bias", new long[] {192}, new float[192]) : w);
    List<Weight> twice = new ArrayList<>(weights);
    twice.add(weights.get(0));
    assertMessage(twice, "Weight 'embedding/embeddings' is given twice");

    assertMessage(misshapen, "Weight 'gru/bias' must have shape [2, 192], was given shape [192]");
  }

  private static void assertMessage(List<Weight> weights, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceModel.of(article(ArticleModels.Cell.GRU), weights).close());
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
