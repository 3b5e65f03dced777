package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The article's models learn the synthetic task, and a seed fixes every number. */
class LearningTest {

  private static final SequenceData TRAIN = SyntheticTask.tokens(4000, 50, 10_000, 1);
  private static final SequenceData TEST = SyntheticTask.tokens(1000, 50, 10_000, 2);

  @ParameterizedTest(name = "{0} return_sequences={1}")
  @CsvSource({"lstm,true", "gru,true", "lstm,false", "gru,false"})
  void articleModelsLearnTheSyntheticTask(String cell, boolean returnSequences) {
    try (Model model = Model.compile(
        ArticleModels.build(ArticleModels.Cell.parse(cell), returnSequences), 42)) {
      History history = Trainer.fit(model, TRAIN, FitOptions.builder().epochs(5).batchSize(32)
          .validationData(TEST).progressOut(null).build());
      Evaluation test = model.evaluate(TEST, 256);
      assertTrue(test.lastStepAccuracy() >= 0.95, "last-step test accuracy " + test.lastStepAccuracy());
      List<Double> loss = history.get("loss");
      assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss falls: " + loss);
      assertEquals(5, history.epochSeconds().size());
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndLosses() {
    SequenceData small = TRAIN.slice(0, 320);
    FitOptions options = FitOptions.builder().epochs(2).progressOut(null).shuffleSeed(3).build();
    History first;
    List<Weight> firstWeights;
    try (Model a = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true), 9)) {
      List<Weight> initial = a.weights();
      try (Model again = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true), 9)) {
        assertEquals(initial, again.weights(), "same seed, same initial weights");
      }
      first = Trainer.fit(a, small, options);
      firstWeights = a.weights();
    }
    try (Model b = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true), 9)) {
      History second = Trainer.fit(b, small, options);
      assertEquals(first.get("loss"), second.get("loss"));
      assertEquals(firstWeights, b.weights());
    }
    try (Model c = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true), 10)) {
      assertTrue(!c.weights().equals(firstWeights), "another seed, other weights");
    }
  }
}
