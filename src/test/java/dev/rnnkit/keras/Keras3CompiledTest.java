package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.OptimizerOptions;
import dev.rnnkit.optimizers.RMSprop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Models Keras 3.15.1 compiled and saved with their optimizer state (fixtures 13a, 13b): each
 * imports from .keras and .h5, predicts what Keras predicts, comes back with its optimizer and
 * settings, loss, metrics and the optimizer variables of weights.json, hands the state to the
 * compiled model, and keeps optimizer, loss and metrics through an export and a re-import.
 */
class Keras3CompiledTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Optimizer expectedOptimizer(String fixture) {
    return fixture.startsWith("13a") ? RMSprop.keras().withLearningRate(0.005f)
        : Adam.keras().withLearningRate(0.002f).withOptions(OptimizerOptions.NONE.withClipnorm(1.0f));
  }

  private static String expectedLoss(String fixture) {
    return fixture.startsWith("13a") ? "sparse_categorical_crossentropy" : "categorical_crossentropy";
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "13a_compiled_rmsprop_sparse, model.keras",
      "13a_compiled_rmsprop_sparse, model.h5",
      "13b_compiled_adam_clipnorm_categorical, model.keras",
      "13b_compiled_adam_clipnorm_categorical, model.h5"})
  void importsPredictionsCompileConfigAndOptimizerState(String fixture, String file,
      @TempDir Path dir) throws IOException {
    Path folder = Fixtures.require("keras3/" + fixture);
    ImportedModel imported = KerasImporter.importModel(folder.resolve(file));
    JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
    for (String inputs : List.of("inputs.json", "inputs_b.json")) {
      Fixtures.assertClose(Fixtures.floats(expected.path(inputs).path("values")),
          Fixtures.predict(imported, Fixtures.inputs(JSON.readTree(folder.resolve(inputs).toFile()))),
          fixture + " " + file + " " + inputs);
    }
    assertNotNull(imported.compileConfig(), "notes: " + imported.metadata().notes());
    assertCompiled(fixture, imported.compileConfig());

    JsonNode saved = JSON.readTree(folder.resolve("weights.json").toFile()).path("optimizer");
    OptimizerState state = imported.optimizerState();
    assertNotNull(state, "notes: " + imported.metadata().notes());
    assertEquals(saved.get(0).path("values").asLong(), state.iterations());
    assertEquals(37, state.iterations());
    assertEquals(saved.size() - 2, state.slots().size());
    for (int i = 2; i < saved.size(); i++) {
      assertArrayEquals(Fixtures.floats(saved.get(i).path("values")),
          state.slots().get(i - 2).values(), saved.get(i).path("path").asText());
    }
    try (Model model = imported.compile()) {
      assertEquals(expectedOptimizer(fixture), model.optimizer());
      assertEquals(expectedLoss(fixture), model.loss().kerasName());
      OptimizerState own = model.optimizerState();
      assertEquals(37, own.iterations());
      assertEquals(37, model.iterations());
      for (int i = 0; i < own.slots().size(); i++) {
        assertArrayEquals(state.slots().get(i).values(), own.slots().get(i).values());
      }
      Path keras = dir.resolve("again.keras");
      Path h5 = dir.resolve("again.h5");
      KerasExporter.saveKeras(model, keras);
      KerasExporter.saveLegacyH5(model, h5);
      for (Path again : List.of(keras, h5)) {
        assertCompiled(fixture, KerasImporter.importModel(again).compileConfig());
      }
    }
  }

  private static void assertCompiled(String fixture, KerasCompileConfig config) {
    assertEquals(expectedOptimizer(fixture), config.optimizer());
    assertEquals(expectedLoss(fixture), config.loss().kerasName());
    assertEquals(List.of("accuracy"), config.metrics());
  }
}
