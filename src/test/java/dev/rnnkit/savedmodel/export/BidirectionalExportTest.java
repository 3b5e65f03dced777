package dev.rnnkit.savedmodel.export;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with Bidirectional layers over masked ids saved as RNNKit's model folder loads and
 * predicts the same: the nested configs and Embedding's mask_zero survive rnnkit.json.
 */
class BidirectionalExportTest {

  @TempDir Path dir;

  @Test
  void stackedBidirectionalLayersSurviveTheModelFolder() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.tokens(5), new Embedding(null, 50, 3, true),
        new Bidirectional(new LSTM(3, true), Bidirectional.MergeMode.AVE),
        new Bidirectional(new GRU(2, false)), new Dense(1, Activation.SIGMOID));
    SequenceData ids = SequenceData.ofTokens(new int[][] {{1, 4, 7, 0, 0}, {0, 3, 2, 6, 5}}, null);
    ExportFixtures.assertSurvivesTheModelFolder(architecture, Loss.binaryCrossentropy(), ids,
        dir.resolve("model"));
  }
}
