package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3.15.1's {@code Embedding(mask_zero=True) -> Bidirectional(GRU(4), merge_mode='sum') ->
 * Dense(softmax)} (fixture 03, padding before, after and inside rows): model.keras and model.h5
 * import and predict what Keras predicted for both batches, RNNKit's .keras and .h5 re-exports
 * predict the same, and every weight is where Keras keeps it. The input length is open (None);
 * each batch is imported at its own length until models build a graph per length.
 */
class Keras3BidirectionalTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CASE = "keras3/03_emb_mask_bigru_sum_softmax";

  @TempDir Path dir;

  @Test
  void maskedBidirectionalGruSumPredictsAsKerasAndSurvivesReexport() throws IOException {
    Path fixture = Fixtures.require(CASE);
    JsonNode expected = JSON.readTree(fixture.resolve("expected.json").toFile());
    for (String batchFile : List.of("inputs.json", "inputs_b.json")) {
      int[][] ids = JSON.treeToValue(JSON.readTree(fixture.resolve(batchFile).toFile()), int[][].class);
      SequenceData inputs = SequenceData.ofTokens(ids, null);
      ImportOptions length = ImportOptions.withTimeSteps(ids[0].length);
      float[] keras = Fixtures.floats(expected.path(batchFile).path("values"));
      for (String file : List.of("model.keras", "model.h5")) {
        String what = batchFile + " " + file;
        ImportedModel imported = KerasImporter.importModel(fixture.resolve(file), length);
        assertEquals(Bidirectional.MergeMode.SUM,
            ((Bidirectional) imported.architecture().layers().get(1)).mergeMode(), what);
        float[] predicted = Fixtures.predict(imported, inputs);
        Fixtures.assertClose(keras, predicted, what);
        for (Path again : reexported(imported, what)) {
          ImportedModel reimported = KerasImporter.importModel(again);
          assertEquals(imported.architecture().layers().get(1).kerasConfig(),
              reimported.architecture().layers().get(1).kerasConfig(), again.toString());
          Fixtures.assertClose(predicted, Fixtures.predict(reimported, inputs),
              what + " re-exported as " + again);
        }
      }
    }
  }

  /** Keras's model.weights.h5 and model.h5 paths, as read and as RNNKit writes them again. */
  @Test
  void weightsAreWhereKerasKeepsThem() throws IOException {
    Path fixture = Fixtures.require(CASE);
    List<String> kerasDatasets = new ArrayList<>();
    List<String> h5Datasets = new ArrayList<>();
    JSON.readTree(fixture.resolve("weights.json").toFile()).path("weights").forEach(w -> {
      kerasDatasets.add("HDF5 dataset /" + w.path("keras_file_dataset").asText()
          + " of model.weights.h5");
      h5Datasets.add("HDF5 dataset /" + w.path("h5_file_dataset").asText());
    });
    ImportOptions length = ImportOptions.withTimeSteps(8);
    assertEquals(kerasDatasets, sources(fixture.resolve("model.keras"), length));
    assertEquals(h5Datasets, sources(fixture.resolve("model.h5"), length));
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"), length);
    List<Path> again = reexported(imported, "model.keras");
    assertEquals(kerasDatasets, sources(again.get(0), ImportOptions.defaults()));
    // tf.keras 2's layout: the layer's group, the layer inside it, its cell.
    assertEquals(List.of(
        "HDF5 dataset /model_weights/embedding/embedding/embeddings:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/forward_gru/gru_cell/kernel:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/forward_gru/gru_cell/recurrent_kernel:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/forward_gru/gru_cell/bias:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/backward_gru/gru_cell/kernel:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/backward_gru/gru_cell/recurrent_kernel:0",
        "HDF5 dataset /model_weights/bidirectional/bidirectional/backward_gru/gru_cell/bias:0",
        "HDF5 dataset /model_weights/dense/dense/kernel:0",
        "HDF5 dataset /model_weights/dense/dense/bias:0"),
        sources(again.get(1), ImportOptions.defaults()));
  }

  /**
   * Per-layer weights as Keras 3 lists model.weights: {@code sequential/bidirectional/
   * forward_gru/gru_cell/kernel} is layer {@code bidirectional}'s {@code kernel}, forward's
   * three before backward's, with Keras's values.
   */
  @Test
  void layerWeightsAreKerasVariables() throws IOException {
    Path fixture = Fixtures.require(CASE);
    JsonNode keras = JSON.readTree(fixture.resolve("weights.json").toFile()).path("weights");
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"),
        ImportOptions.withTimeSteps(8));
    try (InferenceModel model = imported.forInference()) {
      List<Weight> ours = new ArrayList<>();
      imported.architecture().layers().forEach(l -> ours.addAll(model.layerWeights(l.name())));
      assertEquals(keras.size(), ours.size());
      for (int i = 0; i < keras.size(); i++) {
        String path = keras.get(i).path("path").asText();
        String[] parts = path.split("/");
        assertEquals(parts[1], ours.get(i).layerName(), path);
        assertEquals(parts[parts.length - 1], ours.get(i).shortName(), path);
        assertTrue(ours.get(i).name().contains(parts[2]) || parts.length == 3, path);
        assertArrayEquals(Fixtures.floats(keras.get(i).path("values")), ours.get(i).values(), path);
      }
    }
  }

  private static List<String> sources(Path file, ImportOptions options) {
    return List.copyOf(KerasImporter.importModel(file, options).metadata().weightSources().values());
  }

  /** The model saved by RNNKit as .keras and as legacy .h5. */
  private List<Path> reexported(ImportedModel imported, String what) {
    String stem = what.replace(' ', '-');
    Path keras = dir.resolve(stem + ".keras");
    Path h5 = dir.resolve(stem + ".h5");
    try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
      KerasExporter.saveKeras(model, keras);
      KerasExporter.saveLegacyH5(model, h5);
    }
    return List.of(keras, h5);
  }
}
