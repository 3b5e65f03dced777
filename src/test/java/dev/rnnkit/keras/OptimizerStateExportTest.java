package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.RMSprop;
import dev.rnnkit.optimizers.SGD;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimizer state written into exported Keras files: Keras 3.15.1's saved state (fixtures
 * 13a, 13b) comes back out of RNNKit's .keras and .h5 at the paths, dtypes and values Keras wrote,
 * and a model trained in Java, exported and re-imported takes the same next step as the model
 * that never left Java.
 */
class OptimizerStateExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"13a_compiled_rmsprop_sparse", "13b_compiled_adam_clipnorm_categorical"})
  void kerasSavedStateIsWrittenBackAsKerasWroteIt(String fixture, @TempDir Path dir)
      throws IOException {
    Path folder = Fixtures.require("keras3/" + fixture);
    JsonNode saved = JSON.readTree(folder.resolve("weights.json").toFile()).path("optimizer");
    for (String file : List.of("model.keras", "model.h5")) {
      Path keras = dir.resolve(file + ".again.keras");
      Path h5 = dir.resolve(file + ".again.h5");
      try (Model model = KerasImporter.importModel(folder.resolve(file)).compile()) {
        KerasExporter.saveKeras(model, keras);
        KerasExporter.saveLegacyH5(model, h5);
      }
      try (HdfFile weights = openWeights(keras, dir)) {
        assertVariables(saved, weights, "keras_file_dataset");
      }
      try (HdfFile legacy = new HdfFile(h5)) {
        assertVariables(saved, legacy, "h5_file_dataset");
        List<String> names = Arrays.asList((String[]) legacy.getByPath("optimizer_weights")
            .getAttribute("weight_names").getData());
        assertEquals(saved.findValuesAsText("path"), names);
      }
      for (Path again : List.of(keras, h5)) {
        assertReimported(saved, again);
      }
    }
  }

  /** The re-imported state: step 37, the learning rate and every slot of weights.json. */
  private static void assertReimported(JsonNode saved, Path again) {
    ImportedModel back = KerasImporter.importModel(again);
    OptimizerState state = back.optimizerState();
    assertNotNull(state, again + ": " + back.metadata().notes());
    assertEquals(37, state.iterations());
    assertEquals(saved.get(1).path("values").floatValue(),
        back.compileConfig().optimizer().learningRate());
    for (int i = 2; i < saved.size(); i++) {
      assertArrayEquals(Fixtures.floats(saved.get(i).path("values")),
          state.slots().get(i - 2).values(), again + " " + saved.get(i).path("path").asText());
    }
  }

  /** Each variable at its dataset path: iteration an int64 scalar, the rest float32. */
  private static void assertVariables(JsonNode saved, HdfFile file, String pathKey) {
    for (JsonNode variable : saved) {
      String path = variable.path(pathKey).asText();
      Dataset dataset = (Dataset) file.getByPath(path);
      long[] shape = JSON.convertValue(variable.path("shape"), long[].class);
      assertArrayEquals(shape, Hdf5.shape(dataset), path);
      if (path.endsWith("iteration") || path.endsWith("vars/0")) {
        assertEquals(8, dataset.getDataType().getSize(), path + " is not int64");
        assertEquals(variable.path("values").asLong(), assertInstanceOf(Long.class,
            dataset.getData()));
      } else {
        assertArrayEquals(Fixtures.floats(variable.path("values")), Hdf5.floats(dataset, path),
            path);
      }
    }
  }

  private static HdfFile openWeights(Path keras, Path dir) throws IOException {
    Path weights = dir.resolve(keras.getFileName() + ".weights.h5");
    Files.write(weights, TestZips.entries(keras).get(KerasArchive.WEIGHTS));
    return new HdfFile(weights);
  }

  private static final Sequential ARCH = Sequential.of(InputSpec.tokens(5),
      new Embedding(40, 3), new GRU(4, true), new Dense(1, Activation.SIGMOID));

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("adam", Adam.keras().withLearningRate(0.01f)),
        Arguments.of("adam amsgrad", Adam.keras().withLearningRate(0.01f).withAmsgrad(true)),
        Arguments.of("rmsprop momentum centered", RMSprop.keras().withMomentum(0.9f)
            .withCentered(true)),
        Arguments.of("sgd momentum", SGD.keras().withLearningRate(0.5f).withMomentum(0.9f)),
        Arguments.of("sgd", SGD.keras().withLearningRate(0.5f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void trainedInJavaContinuesBitIdenticallyAfterTheRoundTrip(String name, Optimizer optimizer,
      @TempDir Path dir) {
    SequenceData next = SyntheticTask.tokens(8, 5, 40, 4);
    try (Model model = Model.compile(ARCH, optimizer, Loss.binaryCrossentropy(), 7)) {
      for (int step = 1; step <= 3; step++) {
        SequenceData batch = SyntheticTask.tokens(8, 5, 40, step);
        model.trainStep(batch, batch.naturalOrder(), 0, batch.size());
      }
      model.setLearningRate(optimizer.learningRate() / 2); // as ReduceLROnPlateau would
      Path keras = dir.resolve("m.keras");
      Path h5 = dir.resolve("m.h5");
      KerasExporter.saveKeras(model, keras);
      KerasExporter.saveLegacyH5(model, h5);
      OptimizerState before = model.optimizerState();
      model.trainStep(next, next.naturalOrder(), 0, next.size());
      for (Path file : List.of(keras, h5)) {
        ImportedModel imported = KerasImporter.importModel(file);
        assertEquals(List.of(), imported.metadata().notes(), file.toString());
        try (Model back = imported.compile()) {
          assertEquals(3, back.iterations());
          assertEquals(model.learningRate(), back.learningRate());
          assertSameSlots(before, back.optimizerState(), file + " as exported");
          back.trainStep(next, next.naturalOrder(), 0, next.size());
          assertEquals(4, back.iterations());
          TestModels.assertBitIdentical(model.weights(), back.weights());
          assertSameSlots(model.optimizerState(), back.optimizerState(), file + " after a step");
        }
      }
    }
  }

  /** A model that never trained: step 0 and the zero slots Keras's optimizer.build() creates. */
  @Test
  void untrainedModelWritesTheBuiltZeroState(@TempDir Path dir) throws IOException {
    try (Model model = Model.compile(ARCH, Adam.keras(), Loss.binaryCrossentropy(), 7)) {
      Path keras = dir.resolve("m.keras");
      KerasExporter.saveKeras(model, keras);
      try (HdfFile weights = openWeights(keras, dir)) {
        Map<String, io.jhdf.api.Node> vars = ((io.jhdf.api.Group) weights.getByPath("optimizer/vars")).getChildren();
        assertEquals(2 + 2 * ARCH.weightSpecs().size(), vars.size());
        assertEquals(0L, ((Dataset) vars.get("0")).getData());
        assertEquals(0.001f, Hdf5.floats((Dataset) vars.get("1"), "lr")[0]);
        for (int i = 2; i < vars.size(); i++) {
          float[] values = Hdf5.floats((Dataset) vars.get(Integer.toString(i)), "slot");
          assertArrayEquals(new float[values.length], values);
        }
      }
      OptimizerState back = KerasImporter.importModel(keras).optimizerState();
      assertEquals(0, back.iterations());
    }
  }

  private static void assertSameSlots(OptimizerState expected, OptimizerState actual,
      String what) {
    assertEquals(expected.iterations(), actual.iterations(), what);
    List<Weight> e = expected.slots();
    List<Weight> a = actual.slots();
    assertEquals(e.size(), a.size(), what);
    for (int i = 0; i < e.size(); i++) {
      assertArrayEquals(e.get(i).values(), a.get(i).values(), what + " " + e.get(i).name());
    }
  }
}
