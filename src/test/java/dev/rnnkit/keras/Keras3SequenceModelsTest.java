package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.SpatialDropout1D;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Model;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  /**
   * Fixture 08's dropouts (SpatialDropout1D 0.3, LSTM dropout 0.2 and recurrent_dropout 0.2,
   * Dropout 0.5) are layers and options of the imported model, and its .keras and .h5
   * re-exports carry them: imported again, every layer's config is the original's.
   */
  @Test
  void fixture08sDropoutsSurviveReexport() throws IOException {
    Path fixture = Fixtures.require("keras3/08_emb_dropouts_lstm");
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"));
    List<Layer> layers = imported.architecture().layers();
    assertEquals(0.3f, ((SpatialDropout1D) layers.get(1)).rate());
    assertEquals(0.2f, ((LSTM) layers.get(2)).options().dropout());
    assertEquals(0.2f, ((LSTM) layers.get(2)).options().recurrentDropout());
    assertEquals(0.5f, ((Dropout) layers.get(3)).rate());
    Path keras = dir.resolve("08.keras");
    Path h5 = dir.resolve("08.h5");
    KerasExporter.saveKeras(imported.architecture(), imported.weights(), "sequential", keras);
    KerasExporter.saveLegacyH5(imported.architecture(), imported.weights(), "sequential", h5);
    // Keras's SpatialDropout1D takes no 'trainable' (its from_config would fail on it).
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
      JsonNode spatial = JSON.readTree(zip.getInputStream(zip.getEntry("config.json")))
          .path("config").path("layers").get(2);
      assertEquals("SpatialDropout1D", spatial.path("class_name").asText());
      List<String> keys = new ArrayList<>();
      spatial.path("config").fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("name", "dtype", "rate", "seed"), keys);
      assertEquals("0.3", spatial.path("config").path("rate").toString());
    }
    for (Path again : List.of(keras, h5)) {
      List<Layer> reimported = KerasImporter.importModel(again).architecture().layers();
      for (int i = 0; i < layers.size(); i++) {
        assertEquals(layers.get(i).kerasConfig(), reimported.get(i).kerasConfig(),
            again.getFileName() + " layer " + i);
      }
    }
  }
}
