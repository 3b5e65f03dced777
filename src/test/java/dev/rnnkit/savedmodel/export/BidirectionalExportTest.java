package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.optimizers.Adam;
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
    Path folder = dir.resolve("model");
    float[][] before;
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.binaryCrossentropy(), 7)) {
      before = model.predict(ids, 2);
      ModelDirectory.save(model, folder, null, 0, false);
    }
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(folder)) {
      assertEquals(architecture.summary(), loaded.model().architecture().summary());
      float[][] after = loaded.model().predict(ids, 2);
      for (int i = 0; i < before.length; i++) {
        assertArrayEquals(before[i], after[i], 1e-7f);
      }
    }
  }
}
