package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.RecurrentOptions;
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
 * The recurrent options through the Java API: layers built with {@link RecurrentOptions} compile
 * and learn the synthetic task with {@link Trainer#fit}, and a cell without a bias has none.
 */
class RecurrentOptionsTrainingTest {

  private static final RecurrentOptions BACKWARDS_NO_BIAS =
      RecurrentOptions.DEFAULTS.withGoBackwards(true).withUseBias(false);

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("LSTM go_backwards relu hard_sigmoid no bias", new LSTM("lstm", 8, false, true,
            BACKWARDS_NO_BIAS.withActivation(Activation.RELU)
                .withRecurrentActivation(Activation.HARD_SIGMOID))),
        Arguments.of("GRU go_backwards softsign no bias", new GRU("gru", 8, false, true,
            BACKWARDS_NO_BIAS.withActivation(Activation.SOFTSIGN))),
        Arguments.of("GRU reset_before go_backwards", new GRU("gru", 8, false, false,
            RecurrentOptions.DEFAULTS.withGoBackwards(true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void optionsTrain(String label, Layer rnn) {
    SequenceData train = SyntheticTask.tokens(256, 10, 60, 3);
    Sequential arch = Sequential.of(InputSpec.tokens(10), new Embedding("embedding", 60, 8), rnn,
        new Dense("dense", 1, Activation.SIGMOID));
    // A learning rate of 0.01 so that a few epochs show learning.
    try (Model model = Model.compile(arch, Adam.keras().withLearningRate(0.01f),
        Loss.binaryCrossentropy(), 21)) {
      List<String> names = model.weights().stream().map(Weight::name).toList();
      boolean biased = ((RecurrentLayer) rnn).options().useBias();
      assertEquals(biased, names.contains(rnn.name() + "/bias"), names.toString());
      History history = Trainer.fit(model, train, FitOptions.builder().epochs(8).batchSize(32)
          .progressOut(null).build());
      List<Double> loss = history.get("loss");
      assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), label + ": loss " + loss);
    }
  }
}
