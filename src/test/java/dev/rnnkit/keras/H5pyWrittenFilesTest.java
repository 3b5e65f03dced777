package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Weight;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files written by h5py (the library Keras writes with) in Keras's layouts, including what jhdf
 * cannot write: groups without children. See src/test/python/make_h5py_samples.py; element i of
 * the file's k-th weight is (i % 17 - 8) / 8 + k / 4.
 */
class H5pyWrittenFilesTest {

  @Test
  void keras3FileWithEmptyGroupsAndOptimizerVariables() {
    ImportedModel model = KerasImporter.importModel(resource("h5py_keras3.keras"));
    assertEquals(KerasFormat.KERAS_V3, model.metadata().format());
    assertEquals("3.16.0", model.metadata().kerasVersion());
    assertEquals(new InputSpec("input_layer", 5, 1), model.architecture().input());
    assertEquals(List.of("lstm", "dropout", "hidden", "out"), names(model)); // Dropout is a layer
    assertValues(model.weights(), List.of("lstm/kernel", "lstm/recurrent_kernel", "lstm/bias",
        "hidden/kernel", "hidden/bias", "out/kernel", "out/bias"));
    assertEquals("HDF5 dataset /layers/dense_1/vars/0 of model.weights.h5",
        model.metadata().weightSources().get("out/kernel"));
    assertEquals(0, model.metadata().notes().size(), "Dropout is a layer, not a note");
  }

  @Test
  void legacyFileOfTfKeras2WithoutInputLayer() {
    ImportedModel model = KerasImporter.importModel(resource("h5py_legacy.h5"));
    assertEquals(KerasFormat.LEGACY_H5, model.metadata().format());
    assertEquals("2.6.0", model.metadata().kerasVersion());
    assertEquals("sequential_1", model.metadata().modelName());
    assertEquals(new InputSpec(null, 6, 0), model.architecture().input());
    assertEquals(List.of("embedding_1", "gru_3", "dropout_1", "dense_9"), names(model));
    assertTrue(((GRU) model.architecture().layers().get(1)).resetAfter());
    assertValues(model.weights(), List.of("embedding_1/embeddings", "gru_3/kernel",
        "gru_3/recurrent_kernel", "gru_3/bias", "dense_9/kernel", "dense_9/bias"));
    assertEquals("HDF5 dataset /model_weights/gru_3/gru_3/gru_cell_3/bias:0",
        model.metadata().weightSources().get("gru_3/bias"));
    List<String> notes = model.metadata().notes();
    assertEquals(1, notes.size(), notes.toString()); // Dropout is a layer, not a note
    assertTrue(notes.stream().anyMatch(n -> n.contains("float32 in Keras (Embedding casts it)")),
        notes.toString());
  }

  private static void assertValues(List<Weight> weights, List<String> expectedNames) {
    assertEquals(expectedNames, weights.stream().map(Weight::name).toList());
    for (int k = 0; k < weights.size(); k++) {
      float[] values = weights.get(k).values();
      float[] expected = new float[values.length];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (i % 17 - 8) / 8f + k / 4f;
      }
      assertEquals(Arrays.toString(expected), Arrays.toString(values), weights.get(k).name());
    }
  }

  private static List<String> names(ImportedModel model) {
    return model.architecture().layers().stream().map(Layer::name).toList();
  }

  static Path resource(String name) {
    try {
      return Path.of(H5pyWrittenFilesTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
