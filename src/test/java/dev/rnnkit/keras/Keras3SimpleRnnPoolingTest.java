package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.GlobalAveragePooling1D;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.SimpleRNN;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SimpleRNN, Masking and GlobalAveragePooling1D against models real Keras 3.15.1 saved and
 * predicted with (cases 07 and 10, inputs of open length): each file imports and predicts what
 * Keras predicted for both input batches, and RNNKit's own .keras and .h5 re-exports import
 * again and predict the same.
 *
 * <p>Models are not yet built per input length, so each batch is imported with its own number
 * of time steps ({@link ImportOptions#withTimeSteps}).
 */
class Keras3SimpleRnnPoolingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String name : List.of("07_simplernn_stack", "10_masking_gru_gap")) {
      for (String batch : List.of("inputs.json", "inputs_b.json")) {
        for (String file : List.of("model.keras", "model.h5")) {
          cases.add(Arguments.of(name, batch, file));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void importsPredictAsKerasAndSurviveReexport(String name, String batch, String file)
      throws IOException {
    Path fixture = Fixtures.require("keras3/" + name);
    SequenceData inputs = Fixtures.features(JSON.readTree(fixture.resolve(batch).toFile()));
    float[] expected = Fixtures.floats(
        JSON.readTree(fixture.resolve("expected.json").toFile()).path(batch).path("values"));
    ImportOptions options = ImportOptions.withTimeSteps(inputs.timeSteps());

    ImportedModel imported = KerasImporter.importModel(fixture.resolve(file), options);
    float[] predicted = Fixtures.predict(imported, inputs);
    Fixtures.assertClose(expected, predicted, name + "/" + file + " on " + batch);

    String label = name + "-" + batch + "-" + file;
    Path keras = dir.resolve(label + ".keras");
    Path h5 = dir.resolve(label + ".h5");
    try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
      KerasExporter.saveKeras(model, keras);
      KerasExporter.saveLegacyH5(model, h5);
    }
    for (Path again : List.of(keras, h5)) {
      ImportedModel reimported = KerasImporter.importModel(again, options);
      assertEquals(configs(imported), configs(reimported), again.toString());
      Fixtures.assertClose(predicted, Fixtures.predict(reimported, inputs),
          label + " re-exported as " + again);
    }
    // Where Keras keeps each variable: a SimpleRNN's in its cell, as LSTM's and GRU's.
    assertEquals(sources(fixture, "keras_file_dataset", " of model.weights.h5"),
        List.copyOf(KerasImporter.importModel(keras, options).metadata().weightSources().values()),
        label);
  }

  /** Both files of both cases map to the layers Keras built, with the same options. */
  @Test
  void mapsTheKerasLayers() {
    Path simple = Fixtures.require("keras3/07_simplernn_stack");
    List<Layer> layers = KerasImporter.importModel(simple.resolve("model.keras"),
        ImportOptions.withTimeSteps(4)).architecture().layers();
    assertEquals(List.of("simple_rnn", "simple_rnn_1"), layers.stream().map(Layer::name).toList());
    SimpleRNN first = (SimpleRNN) layers.get(0);
    assertEquals(List.of(6, true), List.of(first.units(), first.returnSequences()));
    assertEquals(List.of(3, false),
        List.of(((SimpleRNN) layers.get(1)).units(), ((SimpleRNN) layers.get(1)).returnSequences()));

    Path masked = Fixtures.require("keras3/10_masking_gru_gap");
    for (String file : List.of("model.keras", "model.h5")) {
      List<Layer> gap = KerasImporter.importModel(masked.resolve(file),
          ImportOptions.withTimeSteps(6)).architecture().layers();
      assertEquals(new Masking("masking", 0f), gap.get(0), file);
      assertEquals(new GlobalAveragePooling1D("global_average_pooling1d"), gap.get(2), file);
    }
  }

  /** The original model.h5's datasets, as the importer reports them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void readsTheLegacyH5DatasetsKerasWrote(String name) throws IOException {
    Path fixture = Fixtures.require("keras3/" + name);
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.h5"),
        ImportOptions.withTimeSteps(5));
    assertEquals(sources(fixture, "h5_file_dataset", ""),
        List.copyOf(imported.metadata().weightSources().values()), name);
  }

  static Stream<String> names() {
    return Stream.of("07_simplernn_stack", "10_masking_gru_gap");
  }

  /** Per weight of the fixture, "HDF5 dataset /" + its {@code key} in weights.json + suffix. */
  private static List<String> sources(Path fixture, String key, String suffix) throws IOException {
    List<String> sources = new ArrayList<>();
    for (JsonNode w : JSON.readTree(fixture.resolve("weights.json").toFile()).path("weights")) {
      sources.add("HDF5 dataset /" + w.path(key).asText() + suffix);
    }
    return sources;
  }

  private static List<Object> configs(ImportedModel model) {
    return model.architecture().layers().stream().map(l -> (Object) l.kerasConfig()).toList();
  }
}
