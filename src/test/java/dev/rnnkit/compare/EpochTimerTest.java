package dev.rnnkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.Trainer;
import org.junit.jupiter.api.Test;

/** The comparison's clock times each epoch once, whether the fit validates or not. */
class EpochTimerTest {

  private static final Sequential TINY = Sequential.of(InputSpec.tokens(6),
      new Embedding(50, 4), new LSTM(4, false), new Dense(1, Activation.SIGMOID));
  private static final SequenceData TRAIN = SyntheticTask.tokens(40, 6, 50, 1);
  private static final SequenceData TEST = SyntheticTask.tokens(10, 6, 50, 2);

  @Test
  void oneTimePerEpochWithAndWithoutValidation() {
    try (Model model = Model.compile(TINY, 1)) {
      EpochTimer validated = new EpochTimer();
      Trainer.fit(model, TRAIN, FitOptions.builder().epochs(3).batchSize(16).validationData(TEST)
          .progressOut(null).callbacks(validated).build());
      assertEquals(3, validated.seconds().size());
      EpochTimer plain = new EpochTimer();
      Trainer.fit(model, TRAIN, FitOptions.builder().epochs(2).batchSize(16)
          .progressOut(null).callbacks(plain).build());
      assertEquals(2, plain.seconds().size());
    }
  }
}
