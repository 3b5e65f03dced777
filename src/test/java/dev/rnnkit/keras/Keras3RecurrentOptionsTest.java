package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras 3's recurrent options (go_backwards and the order of its sequence output, use_bias=False,
 * reset_after=False with sequences, other activations) against models real Keras 3.15.1 saved and
 * predicted with: each file imports and predicts what Keras predicted, and RNNKit's own .keras and
 * .h5 re-exports import again and predict the same.
 */
class Keras3RecurrentOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.keras.Fixtures#recurrentOptionCases")
  void importsPredictAsKerasAndSurviveReexport(String name) throws IOException {
    Path fixture = Fixtures.require("keras3/" + name);
    SequenceData inputs = Fixtures.features(JSON.readTree(fixture.resolve("inputs.json").toFile()));
    List<String> kerasDatasets = new ArrayList<>();
    JSON.readTree(fixture.resolve("weights.json").toFile()).path("weights")
        .forEach(w -> kerasDatasets.add("HDF5 dataset /" + w.path("keras_file_dataset").asText()
            + " of model.weights.h5"));
    float[] expected = Fixtures.floats(
        JSON.readTree(fixture.resolve("expected.json").toFile()).path("inputs.json").path("values"));

    for (String file : List.of("model.keras", "model.h5")) {
      ImportedModel imported = KerasImporter.importModel(fixture.resolve(file));
      float[] predicted = Fixtures.predict(imported, inputs);
      Fixtures.assertClose(expected, predicted, name + "/" + file);

      Path keras = dir.resolve(name + "-" + file + ".keras");
      Path h5 = dir.resolve(name + "-" + file + ".h5");
      try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
        KerasExporter.saveKeras(model, keras);
        KerasExporter.saveLegacyH5(model, h5);
      }
      for (Path again : List.of(keras, h5)) {
        ImportedModel reimported = KerasImporter.importModel(again);
        assertEquals(imported.architecture().layers().get(0).kerasConfig(),
            reimported.architecture().layers().get(0).kerasConfig(), again.toString());
        Fixtures.assertClose(predicted, Fixtures.predict(reimported, inputs),
            name + " re-exported as " + again);
      }
      // Where Keras keeps each variable (no bias dataset at all with use_bias=False).
      assertEquals(kerasDatasets, List.copyOf(
          KerasImporter.importModel(keras).metadata().weightSources().values()), name);
    }
  }
}
