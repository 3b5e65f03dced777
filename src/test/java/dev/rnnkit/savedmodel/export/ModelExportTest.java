package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class ModelExportTest {

  @TempDir static Path tmp;
  static Model model;
  static Path exported;

  @BeforeAll
  static void exportModel() throws Exception {
    model = Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, true,
        ExportFixtures.VOCABULARY_SIZE, ExportFixtures.LENGTH), 3);
    exported = tmp.resolve("gru");
    ModelDirectory.save(model, exported, ExportFixtures.WORDS, ExportFixtures.VOCABULARY_SIZE, false);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void textSignatureAppliesKerasPreprocessingInTheGraph() {
    try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve");
        Tensor texts = ExportFixtures.texts();
        Result r = bundle.session().runner().feed("text", texts)
            .fetch("text_preprocessing/token_ids").run()) {
      TInt32 ids = (TInt32) r.get(0);
      for (int i = 0; i < ExportFixtures.TEXTS.length; i++) {
        int[] row = new int[ExportFixtures.LENGTH];
        for (int j = 0; j < row.length; j++) {
          row[j] = ids.getInt(i, j);
        }
        assertArrayEquals(ExportFixtures.EXPECTED_IDS[i], row, "text " + i + ": " + ExportFixtures.TEXTS[i]);
      }
    }
  }

  @Test
  void freshJvmReloadGivesBitIdenticalOutputsThroughBothSignatures() throws Exception {
    Path out = tmp.resolve("fresh-jvm.bin");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ReloadMain.class.getName(), exported.toString(), out.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("fresh-jvm.log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("fresh-jvm.log")));

    List<float[]> expected = new ArrayList<>();
    float[][] direct = model.predict(dev.rnnkit.data.SequenceData.ofTokens(ExportFixtures.EXPECTED_IDS, null), 2);
    float[] last = new float[direct.length];
    float[] steps = new float[direct.length * ExportFixtures.LENGTH];
    for (int i = 0; i < direct.length; i++) {
      last[i] = direct[i][ExportFixtures.LENGTH - 1];
      System.arraycopy(direct[i], 0, steps, i * ExportFixtures.LENGTH, ExportFixtures.LENGTH);
    }
    try (DataInputStream in = new DataInputStream(new FileInputStream(out.toFile()))) {
      for (int signature = 0; signature < 2; signature++) {
        for (float[] want : new float[][] {last, steps}) {
          float[] got = new float[in.readInt()];
          for (int i = 0; i < got.length; i++) {
            got[i] = Float.intBitsToFloat(in.readInt());
          }
          // Same bits as the exporting model: the graph is the same computation on the same weights.
          assertArrayEquals(want, got, 0f, "signature " + signature);
        }
      }
    }
  }

  @Test
  void structureHasWhatPythonsLoaderNeeds() throws Exception {
    SavedModel saved;
    try (InputStream in = Files.newInputStream(exported.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    }
    assertEquals(1, saved.getMetaGraphsCount());
    MetaGraphDef meta = saved.getMetaGraphs(0);
    assertEquals(List.of("serve"), meta.getMetaInfoDef().getTagsList());
    assertTrue(meta.hasSaverDef(), "saver definition");
    assertFalse(meta.getSaverDef().getRestoreOpName().isEmpty());
    SignatureDef ids = meta.getSignatureDefOrThrow("serving_default");
    assertEquals("tensorflow/serving/predict", ids.getMethodName());
    assertEquals(DataType.DT_INT32, ids.getInputsOrThrow("token_ids").getDtype());
    assertEquals(DataType.DT_FLOAT, ids.getOutputsOrThrow("probabilities").getDtype());
    SignatureDef text = meta.getSignatureDefOrThrow("serving_text");
    assertEquals(DataType.DT_STRING, text.getInputsOrThrow("text").getDtype());
    assertEquals("vocabulary.txt", meta.getAssetFileDef(0).getFilename());
    assertTrue(Files.isRegularFile(exported.resolve("assets/vocabulary.txt")));
    assertTrue(meta.containsSignatureDef("__saved_model_init_op"));

    try (Graph g = new Graph()) {
      g.importGraphDef(meta.getGraphDef());
      for (SignatureDef sig : meta.getSignatureDefMap().values()) {
        for (var info : sig.getInputsMap().values()) {
          assertTrue(g.output(info.getName()) != null, "tensor " + info.getName());
        }
        for (var info : sig.getOutputsMap().values()) {
          assertTrue(g.operation(info.getName().split(":")[0]) != null, "tensor " + info.getName());
        }
      }
      assertTrue(g.operation(meta.getSaverDef().getRestoreOpName()) != null, "restore op in graph");
      assertTrue(g.output(meta.getSaverDef().getFilenameTensorName()) != null, "filename tensor");
      // No optimizer slots: exactly the model's weights are variables.
      List<String> variables = new ArrayList<>();
      g.operations().forEachRemaining(op -> {
        if (op.type().equals("VariableV2")) {
          variables.add(op.name());
        }
      });
      assertEquals(model.weights().stream().map(Weight::name).sorted().toList(),
          variables.stream().sorted().toList());
    }
    assertCheckpointHolds(exported.resolve("variables/variables").toString(), model.weights());
  }

  /** Reads each weight back from the checkpoint with a RestoreV2 op. */
  private static void assertCheckpointHolds(String prefix, List<Weight> weights) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<String> names = weights.stream().map(Weight::name).toList();
      var restore = tf.train.restore(tf.constant(prefix), tf.constant(java.nio.charset.StandardCharsets.UTF_8, names.toArray(new String[0])),
          tf.constant(java.nio.charset.StandardCharsets.UTF_8, names.stream().map(n -> "").toArray(String[]::new)),
          names.stream().<Class<? extends org.tensorflow.types.family.TType>>map(n -> TFloat32.class).toList());
      Session.Runner runner = s.runner();
      restore.tensors().forEach(runner::fetch);
      try (Result r = runner.run()) {
        for (int i = 0; i < weights.size(); i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] v = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(v, false, false));
          assertArrayEquals(weights.get(i).values(), v, 0f, weights.get(i).name());
        }
      }
    }
  }

  @Test
  void exportCarriesJavaPredictionsForThePythonCheck() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(exported.resolve("assets.extra/java_predictions.json").toFile());
    int[][] ids = new com.fasterxml.jackson.databind.ObjectMapper()
        .treeToValue(json.get("token_ids"), int[][].class);
    float[] expected = model.predictLast(dev.rnnkit.data.SequenceData.ofTokens(ids, null), 2);
    for (int i = 0; i < ids.length; i++) {
      assertEquals(expected[i], json.get("serving_default").get("probabilities").get(i).floatValue(), 0f);
    }
    assertEquals(3, json.get("serving_text").get("probabilities").size());
    assertTrue(Files.isRegularFile(Path.of("python/check_export.py")), "the Python check script");
  }

  @Test
  void tokenModelWithAFewIdsExportsItsJavaPredictionsWithinItsVocabulary(@TempDir Path dir)
      throws Exception {
    // 12 ids: the sample rows (ids 1..T and 14, 22) must wrap below 12 instead of failing.
    try (Model small = Model.compile(dev.rnnkit.model.Sequential.of(
        dev.rnnkit.model.InputSpec.tokens(20), new dev.rnnkit.layers.Embedding(12, 4),
        new dev.rnnkit.layers.LSTM(3, false),
        new dev.rnnkit.layers.Dense(1, dev.rnnkit.layers.Activation.SIGMOID)), 1)) {
      ModelDirectory.save(small, dir.resolve("m"), null, 0, false);
      var json = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(dir.resolve("m/assets.extra/java_predictions.json").toFile());
      int[][] ids = new com.fasterxml.jackson.databind.ObjectMapper()
          .treeToValue(json.get("token_ids"), int[][].class);
      for (int[] row : ids) {
        for (int id : row) {
          assertTrue(id >= 0 && id < 12, "id " + id + " outside the Embedding's 12 rows");
        }
      }
      assertEquals(11, ids[1][10], "ids count 1..11 and wrap to 1");
      assertEquals(1, ids[1][11]);
      float[] expected = small.predictLast(dev.rnnkit.data.SequenceData.ofTokens(ids, null), 2);
      assertEquals(expected[1],
          json.get("serving_default").get("probabilities").get(1).floatValue(), 0f);
    }
  }

  @Test
  void reloadedRnnkitModelHasTheSameWeightsAndVocabulary() throws Exception {
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(exported)) {
      assertEquals(model.weights(), loaded.model().weights());
      assertEquals(ExportFixtures.WORDS, loaded.vocabulary());
      assertEquals(model.architecture().summary(), loaded.model().architecture().summary());
    }
  }

  @Test
  void existingModelIsNeverHalfOverwritten(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("m");
    ModelDirectory.save(model, target, null, 0, false);
    byte[] before = Files.readAllBytes(target.resolve("saved_model.pb"));
    FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
        () -> ModelDirectory.save(model, target, null, 0, false));
    assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
    // A failing export (a text signature on a float-input model) leaves the old model whole.
    try (Model floatModel = Model.compile(dev.rnnkit.model.Sequential.of(
        dev.rnnkit.model.InputSpec.features(3, 2), new dev.rnnkit.layers.Dense(1, dev.rnnkit.layers.Activation.SIGMOID)), 1)) {
      assertThrows(IllegalArgumentException.class,
          () -> ModelDirectory.save(floatModel, target, List.of("a"), 10, true));
    }
    assertArrayEquals(before, Files.readAllBytes(target.resolve("saved_model.pb")));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("m"), files.map(f -> f.getFileName().toString()).toList(), "no temporary folders left");
    }
    ModelDirectory.save(model, target, ExportFixtures.WORDS, 100, true);
    assertTrue(Files.exists(target.resolve("assets/vocabulary.txt")), "replaced with --force");
  }

  @Test
  void anEmptyVocabularyIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
    Path target = dir.resolve("model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        ModelDirectory.save(model, target, List.of(), ExportFixtures.VOCABULARY_SIZE, false));
    assertTrue(e.getMessage().contains("The vocabulary to save is empty"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void filesSavedWithAModelAreReplacedWithItOrNotAtAll(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("m");
    ModelDirectory.save(model, target, null, 0, false,
        folder -> Files.writeString(folder.resolve("metrics.json"), "first run"));
    byte[] before = Files.readAllBytes(target.resolve("saved_model.pb"));

    // The disk fills up while the new run's files are written: nothing of it may show.
    java.io.IOException full = assertThrows(java.io.IOException.class,
        () -> ModelDirectory.save(model, target, ExportFixtures.WORDS, 100, true, folder -> {
          Files.writeString(folder.resolve("metrics.json"), "second run");
          throw new java.io.IOException("No space left on device");
        }));
    assertTrue(full.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space left on device"),
        full.getMessage());
    assertEquals("first run", Files.readString(target.resolve("metrics.json")));
    assertArrayEquals(before, Files.readAllBytes(target.resolve("saved_model.pb")));
    assertFalse(Files.exists(target.resolve("assets")), "the second model's vocabulary is not there");
    try (var files = Files.list(dir)) {
      assertEquals(List.of("m"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void loadingSomethingElseSaysWhatToDo(@TempDir Path dir) {
    var missing = assertThrows(java.nio.file.NoSuchFileException.class,
        () -> ModelDirectory.load(dir.resolve("nothing")));
    assertTrue(missing.getMessage().contains("nothing"));
    var notModel = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.load(dir));
    assertTrue(notModel.getMessage().contains("rnnkit.json"), notModel.getMessage());
  }
}
