package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TFloat32;

/**
 * TF Serving's layout and warm-up file: numeric versions, the next free one, --force; the
 * records read back (CRC checked) into PredictionLogs; and TensorFlow's SavedModel loader, the
 * one TF Serving uses, running every warm-up request as the model's own predict computes it.
 */
class ServingExportTest {

  @TempDir static Path tmp;
  static Model textModel;
  static Path textModelDir;

  @BeforeAll
  static void saveTextModel() throws IOException {
    textModelDir = tmp.resolve("gru");
    textModel = ExportFixtures.savedModel(ArticleModels.Cell.GRU, true, 5, textModelDir);
  }

  @AfterAll
  static void close() {
    textModel.close();
  }

  @Test
  void versionsAreNumberedFoldersAndAnExistingOneNeedsForce() throws IOException {
    Path base = tmp.resolve("layout");
    ServingExport.Written first = ServingExport.write(textModelDir, base, "reviews");
    assertEquals(base.resolve("reviews/1").toAbsolutePath(), first.versionDir());
    assertTrue(Files.isRegularFile(first.versionDir().resolve("saved_model.pb")));
    assertTrue(Files.isRegularFile(first.versionDir().resolve(WarmupFile.PATH)));
    // Names that are not versions do not count; a second export is the next version.
    Files.createDirectories(base.resolve("reviews/notes"));
    Files.writeString(base.resolve("reviews/7"), "a file, not a version folder");
    assertEquals(2, ServingExport.write(textModelDir, base, "reviews").version());
    assertEquals(3, ServingExport.nextVersion(base.resolve("reviews")));

    FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class,
        () -> ServingExport.write(textModelDir, base, "reviews", 2, false));
    assertTrue(exists.getMessage().contains("--force"), exists.getMessage());
    Path warmup = base.resolve("reviews/2").resolve(WarmupFile.PATH);
    Files.write(warmup, new byte[] {1, 2, 3});
    ServingExport.write(textModelDir, base, "reviews", 2, true);
    assertEquals(4, WarmupFile.read(warmup).size(), "the forced export replaced version 2");
    try (Stream<Path> left = Files.list(base.resolve("reviews"))) {
      assertEquals(List.of("1", "2", "7", "notes"),
          left.map(p -> p.getFileName().toString()).sorted().toList(), "no hidden leftovers");
    }
  }

  /**
   * An export killed while --force had moved version 2 aside leaves version 1 as the highest:
   * the next export puts 2 back first, so it writes 3 instead of colliding with the old 2.
   */
  @Test
  void aKilledForceIsUndoneBeforeTheVersionsAreCounted() throws IOException {
    Path base = tmp.resolve("killed");
    ServingExport.write(textModelDir, base, "m");
    ServingExport.write(textModelDir, base, "m");
    Files.move(base.resolve("m/2"), base.resolve("m/.2.old-" + java.util.UUID.randomUUID()));
    assertEquals(3, ServingExport.write(textModelDir, base, "m").version());
    try (Stream<Path> left = Files.list(base.resolve("m"))) {
      assertEquals(List.of("1", "2", "3"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void badNamesVersionsAndFoldersAreRefusedByName() throws IOException {
    Path base = tmp.resolve("refused");
    for (String name : new String[] {"../up", "a/b", ".hidden", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServingExport.write(textModelDir, base, name, 1, false));
      assertTrue(e.getMessage().contains("--name"), e.getMessage());
    }
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> ServingExport.write(textModelDir, base, "m", 0, false));
    assertTrue(zero.getMessage().contains("--version 1 or more"), zero.getMessage());
    IllegalArgumentException notModel = assertThrows(IllegalArgumentException.class,
        () -> ServingExport.write(tmp.resolve("nothing"), base, "m", 1, false));
    assertTrue(notModel.getMessage().contains("not an RNNKit model"), notModel.getMessage());
    IllegalArgumentException inside = assertThrows(IllegalArgumentException.class,
        () -> ServingExport.write(textModelDir, textModelDir.resolve("serving"), "m", 1, false));
    assertTrue(inside.getMessage().contains("inside the model folder"), inside.getMessage());
    assertFalse(Files.exists(base));
  }

  /**
   * A warm-up request that fails on the model would make TF Serving refuse the version: here an
   * rnnkit.json whose length (9) is not the SavedModel's (8) gives requests of the wrong shape.
   * The export stops before the version appears, and leaves nothing behind.
   */
  @Test
  void aFailingWarmupRequestStopsTheExportBeforeTheVersionAppears() throws IOException {
    Path copy = tmp.resolve("mismatched");
    ServingExport.write(textModelDir, copy, "model"); // a copy of the folder to change
    Path folder = copy.resolve("model/1");
    Path config = folder.resolve(ModelDirectory.CONFIG_FILE);
    Files.writeString(config, Files.readString(config)
        .replace("\"timeSteps\" : " + ExportFixtures.LENGTH, "\"timeSteps\" : 9"));
    Path base = tmp.resolve("never");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ServingExport.write(folder, base, "m"));
    assertTrue(e.getMessage().contains("Warm-up request 1 (signature 'serving_default') fails"
        + " on the model, so TF Serving would refuse this version"), e.getMessage());
    try (Stream<Path> left = Files.list(base.resolve("m"))) {
      assertEquals(List.of(), left.toList(), "no version and no temporary folder");
    }
  }

  @Test
  void theWarmupRecordsAreTheRequestsEachSignatureTakes() throws IOException {
    Path version = ServingExport.write(textModelDir, tmp.resolve("records"), "reviews").versionDir();
    List<WarmupRequest> requests = WarmupFile.read(version.resolve(WarmupFile.PATH));
    assertEquals(List.of("serving_default", "serving_default", "serving_text", "serving_text"),
        requests.stream().map(WarmupRequest::signature).toList());
    for (WarmupRequest request : requests) {
      assertEquals("reviews", request.modelName());
    }
    long[][] idShapes = {{1, ExportFixtures.LENGTH}, {3, ExportFixtures.LENGTH}};
    for (int i = 0; i < 2; i++) {
      TensorProto ids = requests.get(i).inputs().get(ServingKeys.TOKEN_IDS);
      assertEquals(List.of(ServingKeys.TOKEN_IDS), List.copyOf(requests.get(i).inputs().keySet()));
      assertEquals(DataType.DT_INT32, ids.getDtype());
      assertArrayEquals(idShapes[i], dims(ids));
      assertTrue(ids.getIntValList().stream().allMatch(
          id -> id >= 0 && id < ExportFixtures.VOCABULARY_SIZE), "ids within input_dim");
      assertTrue(ids.getIntValList().stream().distinct().count() > 3, "varied ids");
    }
    TensorProto texts = requests.get(3).inputs().get(ModelExporter.TEXT_INPUT);
    assertEquals(DataType.DT_STRING, texts.getDtype());
    assertArrayEquals(new long[] {3}, dims(texts));
    assertEquals(JavaPredictions.SAMPLE_TEXTS.get(0), texts.getStringVal(0).toStringUtf8());
  }

  @Test
  void aDamagedRecordIsRefusedNamingIt() throws IOException {
    Path version = ServingExport.write(textModelDir, tmp.resolve("damaged"), "m").versionDir();
    byte[] file = Files.readAllBytes(version.resolve(WarmupFile.PATH));
    List<byte[]> records = TfRecordFile.read(version.resolve(WarmupFile.PATH));
    int second = 16 + records.get(0).length; // header 12 + data + CRC 4

    byte[] data = file.clone();
    data[second + 12 + 5] ^= 0x10;
    IOException badData = assertThrows(IOException.class, () -> WarmupFile.read(write("d", data)));
    assertTrue(badData.getMessage().contains("record 2 has a bad data CRC"), badData.getMessage());

    byte[] length = file.clone();
    length[second] ^= 0x01;
    IOException badLength = assertThrows(IOException.class, () -> WarmupFile.read(write("l", length)));
    assertTrue(badLength.getMessage().contains("record 2 has a bad length CRC"), badLength.getMessage());

    byte[] cut = java.util.Arrays.copyOf(file, file.length - 3);
    IOException shortFile = assertThrows(IOException.class, () -> WarmupFile.read(write("c", cut)));
    assertTrue(shortFile.getMessage().contains("record 4"), shortFile.getMessage());
  }

  /** Feeds each warm-up request by key into the served version and compares with predict. */
  @Test
  void tensorFlowsLoaderRunsEveryRequestAsTheModelPredicts() throws IOException {
    Path version = ServingExport.write(textModelDir, tmp.resolve("run"), "reviews").versionDir();
    TextVectorizer vectorizer = TextVectorizer.ofRankedWords(ExportFixtures.WORDS,
        new VectorizerConfig(ExportFixtures.VOCABULARY_SIZE, ExportFixtures.LENGTH));
    int checked = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), ModelExporter.TAG)) {
      for (WarmupRequest request : WarmupFile.read(version.resolve(WarmupFile.PATH))) {
        SequenceData data = request.signature().equals(ModelExporter.TEXT_SIGNATURE)
            ? vectorizer.vectorizeUnlabelled(strings(request.inputs().get(ModelExporter.TEXT_INPUT)))
            : SequenceData.ofTokens(rows(request.inputs().get(ServingKeys.TOKEN_IDS)), null);
        float[][] predicted = textModel.predict(data, data.size());
        Map<String, float[]> served = serve(bundle, request);
        assertEquals(List.of("probabilities", "step_probabilities"), List.copyOf(served.keySet()));
        float[] steps = flat(predicted);
        assertArrayEquals(steps, served.get("step_probabilities"), 0f, request.signature());
        float[] last = new float[predicted.length];
        for (int i = 0; i < last.length; i++) {
          last[i] = predicted[i][ExportFixtures.LENGTH - 1];
        }
        assertArrayEquals(last, served.get("probabilities"), 0f, request.signature());
        checked++;
      }
    }
    assertEquals(4, checked);
  }

  @Test
  void aFloatInputModelGetsFloatBatchesUnderKerasKeys() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.features(6, 2), new LSTM(4, false),
        new Dense(1, Activation.SIGMOID));
    assertServesAsPredicted(architecture, tmp.resolve("floats"), new long[][] {{1, 6, 2}, {3, 6, 2}});
  }

  @Test
  void anOpenLengthModelGetsBatchesOfTwoLengths() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.openTokens(),
        new Embedding(null, 60, 4, true), new Bidirectional(new LSTM(3, false)),
        new Dense(1, Activation.SIGMOID));
    assertServesAsPredicted(architecture, tmp.resolve("open"), new long[][] {{1, 20}, {3, 50}});
  }

  /** A model of ids or floats without text: its two serving_default requests run as predict. */
  private static void assertServesAsPredicted(Sequential architecture, Path dir, long[][] shapes)
      throws IOException {
    Path folder = dir.resolve("model");
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.binaryCrossentropy(), 9)) {
      ModelDirectory.save(model, folder, null, 0, false);
      ServingKeys keys = ModelDirectory.readConfig(folder).servingKeys();
      Path version = ServingExport.write(folder, dir.resolve("base"), "m").versionDir();
      List<WarmupRequest> requests = WarmupFile.read(version.resolve(WarmupFile.PATH));
      assertEquals(shapes.length, requests.size());
      try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), ModelExporter.TAG)) {
        for (int r = 0; r < requests.size(); r++) {
          TensorProto input = requests.get(r).inputs().get(keys.input());
          assertArrayEquals(shapes[r], dims(input));
          SequenceData data = input.getDtype() == DataType.DT_FLOAT
              ? SequenceData.ofFeatures(features(input), null)
              : SequenceData.ofTokens(rows(input), null);
          float[] served = serve(bundle, requests.get(r)).get(keys.output());
          // An open length runs the serving graph's own arrangement of the masked rows.
          assertArrayEquals(flat(model.predict(data, data.size())), served, 1e-6f);
        }
      }
    }
  }

  private static Map<String, float[]> serve(SavedModelBundle bundle, WarmupRequest request) {
    Map<String, Tensor> inputs = ServingExport.tensors(request);
    Map<String, float[]> out = new java.util.TreeMap<>();
    try (Result result = bundle.function(request.signature()).call(inputs)) {
      for (Map.Entry<String, Tensor> e : result) {
        TFloat32 t = (TFloat32) e.getValue();
        float[] v = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(v, false, false));
        out.put(e.getKey(), v);
      }
    } finally {
      inputs.values().forEach(Tensor::close);
    }
    return out;
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name + ".tfrecord"), bytes);
  }

  static long[] dims(TensorProto proto) {
    return proto.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
  }

  private static List<String> strings(TensorProto proto) {
    return proto.getStringValList().stream().map(b -> b.toStringUtf8()).toList();
  }

  private static int[][] rows(TensorProto proto) {
    long[] shape = dims(proto);
    int[][] rows = new int[(int) shape[0]][(int) shape[1]];
    for (int i = 0; i < proto.getIntValCount(); i++) {
      rows[i / rows[0].length][i % rows[0].length] = proto.getIntVal(i);
    }
    return rows;
  }

  private static float[][][] features(TensorProto proto) {
    long[] shape = dims(proto);
    float[][][] values = new float[(int) shape[0]][(int) shape[1]][(int) shape[2]];
    for (int i = 0; i < proto.getFloatValCount(); i++) {
      int step = (int) (i / shape[2]);
      values[(int) (step / shape[1])][(int) (step % shape[1])][(int) (i % shape[2])] =
          proto.getFloatVal(i);
    }
    return values;
  }

  private static float[] flat(float[][] rows) {
    List<Float> all = new ArrayList<>();
    for (float[] row : rows) {
      for (float v : row) {
        all.add(v);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }
}
