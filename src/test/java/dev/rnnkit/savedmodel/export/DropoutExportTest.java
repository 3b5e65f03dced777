package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.SpatialDropout1D;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with dropout saved as RNNKit's model folder: its SavedModel has no random op (the
 * identity, as at inference), and it loads with its dropout configs and predicts the same.
 */
class DropoutExportTest {

  @TempDir Path dir;

  @Test
  void dropoutIsTheIdentityInTheSavedModelAndSurvivesTheModelFolder() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.tokens(6), new Embedding(30, 4),
        new SpatialDropout1D(0.3f), new Bidirectional(new GRU(3, true).withDropout(0.2f)
            .withRecurrentDropout(0.1f)), new LSTM(3, false).withDropout(0.4f),
        new Dropout(0.5f), new Dense(1, Activation.SIGMOID));
    SequenceData x = SyntheticTask.tokens(4, 6, 30, 3);
    Path folder = dir.resolve("model");
    ExportFixtures.assertSurvivesTheModelFolder(architecture, Loss.binaryCrossentropy(), x, folder);
    String graph = new String(Files.readAllBytes(folder.resolve("saved_model.pb")),
        StandardCharsets.ISO_8859_1);
    assertFalse(graph.contains("StatelessRandomUniform"), "no dropout op in the served graph");
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(folder)) {
      assertEquals(architecture.layers().get(3).kerasConfig(),
          loaded.model().architecture().layers().get(3).kerasConfig());
    }
  }
}
