package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * categorical_crossentropy (from probabilities and from logits) and the from_logits variants of
 * sparse categorical and binary cross-entropy: the gradients against central finite differences
 * of the loss (masked ids; last-step, sequence and bidirectional outputs), and a few Adam steps
 * lower the loss.
 */
class CrossentropyGradientTest {

  private static final int[][] IDS = {{0, 0, 4, 7, 11}, {3, 3, 9, 0, 0}, {10, 6, 1, 8, 4}};
  /** One-hot rows and a probability row: categorical labels need not be one-hot. */
  private static final float[][] VECTORS = {{1, 0, 0}, {0.1f, 0.2f, 0.7f}, {0, 1, 0}};
  private static final float[] CLASSES = {0, 2, 1};
  private static final float[] BINARY = {1, 0, 1};
  private static final double STEP = 2e-3;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("categorical softmax, LSTM last", new LSTM(4, false), Activation.SOFTMAX,
            Loss.categoricalCrossentropy()),
        Arguments.of("categorical softmax, GRU sequences", new GRU(4, true), Activation.SOFTMAX,
            Loss.categoricalCrossentropy()),
        Arguments.of("categorical from logits, LSTM last", new LSTM(4, false),
            Activation.LINEAR, Loss.categoricalCrossentropy(true)),
        Arguments.of("categorical from logits, Bidirectional LSTM sequences",
            new Bidirectional(new LSTM(3, true)), Activation.LINEAR,
            Loss.categoricalCrossentropy(true)),
        Arguments.of("sparse from logits, GRU last", new GRU(4, false), Activation.LINEAR,
            Loss.sparseCategoricalCrossentropy(true)),
        Arguments.of("sparse from logits, LSTM sequences", new LSTM(4, true), Activation.LINEAR,
            Loss.sparseCategoricalCrossentropy(true)),
        Arguments.of("binary from logits, LSTM last", new LSTM(4, false), Activation.LINEAR,
            Loss.binaryCrossentropy(true)),
        Arguments.of("binary from logits, GRU sequences", new GRU(4, true), Activation.LINEAR,
            Loss.binaryCrossentropy(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferencesAndTrainingLowersTheLoss(String label, Layer rnn,
      Activation activation, Loss loss) {
    int units = loss.isBinaryClassification() ? 1 : 3;
    Sequential arch = Sequential.of(InputSpec.tokens(5), new Embedding(null, 12, 3, true), rnn,
        new Dense(units, activation));
    SequenceData batch = labelled(loss);
    try (Model model = Model.compile(arch, Adam.keras(), loss, 5)) {
      assertGradientsMatchAndTrainingLowersTheLoss(model, batch, label);
    }
  }

  /**
   * Every 7th value of each weight's gradient on {@code batch} against central finite
   * differences of the loss, then 20 Adam steps on the batch lower its loss.
   */
  static void assertGradientsMatchAndTrainingLowersTheLoss(Model model, SequenceData batch,
      String label) {
    List<float[]> analytic = model.gradients(batch);
    List<Weight> base = model.weights();
    for (int w = 0; w < base.size(); w++) {
      for (int index = 0; index < base.get(w).values().length; index += 7) {
        double numeric = (GradientTest.lossWith(model, base, w, index, STEP, batch)
            - GradientTest.lossWith(model, base, w, index, -STEP, batch)) / (2 * STEP);
        assertEquals(numeric, analytic.get(w)[index], 3e-4 + 0.02 * Math.abs(numeric),
            label + " " + base.get(w).name() + "[" + index + "]");
      }
    }
    double before = model.evaluate(batch, batch.size()).loss();
    for (int step = 0; step < 20; step++) {
      model.trainStep(batch, batch.naturalOrder(), 0, batch.size());
    }
    assertTrue(model.evaluate(batch, batch.size()).loss() < before, label);
  }

  private static SequenceData labelled(Loss loss) {
    if (loss.isCategorical()) {
      return SequenceData.ofTokens(IDS, null).withLabelVectors(VECTORS);
    }
    return SequenceData.ofTokens(IDS, loss.isSparseCategorical() ? CLASSES : BINARY);
  }
}
