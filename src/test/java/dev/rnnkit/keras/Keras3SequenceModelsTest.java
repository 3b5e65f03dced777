package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Model;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras 3 sequence models with masks (mask_zero, Masking), open lengths and stacks, against
 * models real Keras 3.15.1 saved and predicted with: each file imports with Keras's open length
 * (no fixed number of steps), predicts what Keras predicted for both input batches (of different
 * lengths) with one model, and RNNKit's .keras and .h5 re-exports import again and predict the same.
 */
class Keras3SequenceModelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.keras.Fixtures#sequenceCases")
  void importsPredictAsKerasAndSurviveReexport(String name) throws IOException {
    Path fixture = Fixtures.require("keras3/" + name);
    JsonNode expected = JSON.readTree(fixture.resolve("expected.json").toFile());
    List<String> batches = new ArrayList<>();
    expected.fieldNames().forEachRemaining(batches::add);
    for (String file : List.of("model.keras", "model.h5")) {
      ImportedModel imported = KerasImporter.importModel(fixture.resolve(file));
      boolean open = JSON.readTree(fixture.resolve("case.json").toFile()).path("model").asText()
          .contains("shape=(None,");
      assertEquals(open, imported.architecture().input().isOpenLength(), name + ": open length");
      Path keras = dir.resolve(name + "-" + file + ".keras");
      Path h5 = dir.resolve(name + "-" + file + ".h5");
      try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
        for (String batch : batches) {
          SequenceData inputs = Fixtures.inputs(JSON.readTree(fixture.resolve(batch).toFile()));
          Fixtures.assertClose(Fixtures.floats(expected.path(batch).path("values")),
              Fixtures.flat(model.predict(inputs, inputs.size())), name + "/" + file + " on " + batch);
        }
        KerasExporter.saveKeras(model, keras);
        KerasExporter.saveLegacyH5(model, h5);
      }
      for (Path again : List.of(keras, h5)) {
        assertTrue(Files.size(again) > 0);
        ImportedModel reimported = KerasImporter.importModel(again);
        assertEquals(imported.architecture().summary(), reimported.architecture().summary());
        try (InferenceModel model = reimported.forInference()) {
          for (String batch : batches) {
            SequenceData inputs = Fixtures.inputs(JSON.readTree(fixture.resolve(batch).toFile()));
            Fixtures.assertClose(Fixtures.floats(expected.path(batch).path("values")),
                Fixtures.flat(model.predict(inputs, 2)), name + " re-exported as " + again + " on " + batch);
          }
        }
      }
    }
  }
}
