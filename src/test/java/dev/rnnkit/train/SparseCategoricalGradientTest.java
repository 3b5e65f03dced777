package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.rnnkit.optimizers.Adam;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A softmax classifier over three classes trained with sparse_categorical_crossentropy: the
 * gradients against central finite differences of the loss (masked ids, last-step and sequence
 * outputs), and a few Adam steps lower the loss.
 */
class SparseCategoricalGradientTest {

  private static final int[][] IDS = {{0, 0, 4, 7, 11}, {3, 3, 9, 0, 0}, {10, 6, 1, 8, 4}};
  private static final float[] CLASSES = {0, 2, 1};

  static Stream<Arguments> classifiers() {
    return Stream.of(
        Arguments.of("LSTM last", new LSTM(4, false)),
        Arguments.of("GRU sequences", new GRU(4, true)),
        Arguments.of("Bidirectional LSTM last", new Bidirectional(new LSTM(3, false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classifiers")
  void gradientsMatchFiniteDifferencesAndTrainingLowersTheLoss(String label, Layer rnn) {
    Sequential arch = Sequential.of(InputSpec.tokens(5), new Embedding(null, 12, 3, true), rnn,
        new Dense(3, Activation.SOFTMAX));
    SequenceData batch = SequenceData.ofTokens(IDS, CLASSES);
    try (Model model = Model.compile(arch, Adam.keras(), Loss.sparseCategoricalCrossentropy(),
        5)) {
      CrossentropyGradientTest.assertGradientsMatchAndTrainingLowersTheLoss(model, batch, label);
      assertEquals(List.of("loss", "accuracy"), model.metricNames());
    }
  }
}
