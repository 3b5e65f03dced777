package dev.rnnkit.savedmodel.export;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model ending in TimeDistributed(Dense) saved as RNNKit's model folder loads and predicts the
 * same: the nested Dense config survives rnnkit.json, and its weights their names.
 */
class TimeDistributedExportTest {

  @TempDir Path dir;

  @Test
  void timeDistributedSurvivesTheModelFolder() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.features(4, 3), new Masking(0f),
        new LSTM(3, true), new TimeDistributed(new Dense(2, Activation.TANH)));
    SequenceData x = SyntheticTask.features(2, 4, 3, 5);
    ExportFixtures.assertSurvivesTheModelFolder(architecture, Loss.meanSquaredError(), x,
        dir.resolve("model"));
  }
}
