package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-keras, predict on the import, export-keras and fine-tuning from the command line. */
class KerasCliTest {

  @Test
  void importPredictAndExportThePythonLstm(@TempDir Path dir) throws Exception {
    Path source = SharedFixtures.lstmModel();
    CliTest.Run imported = CliTest.run("import-keras", source.toString(), "--out", dir.resolve("m").toString());
    assertEquals(0, imported.exit(), imported.err());
    assertTrue(imported.out().contains("Total params: 20,065"), imported.out());
    // The import serves under the Python model's own keys, so a client written for it works.
    CliTest.Run predicted = CliTest.run("predict", "--model", dir.resolve("m").toString(),
        "--input", "input_6=[[[0.1],[0.2],[0.3],[0.4],[0.5]]]");
    assertEquals(0, predicted.exit(), predicted.err());
    assertTrue(predicted.out().startsWith("{\"dense_17\":"), predicted.out());
    CliTest.Run original = CliTest.run("predict", "--model", source.toString(),
        "--input", "input_6=[[[0.1],[0.2],[0.3],[0.4],[0.5]]]");
    double ours = firstNumber(predicted.out());
    double theirs = firstNumber(original.out());
    assertEquals(theirs, ours, 1e-5, "the import predicts what the Python SavedModel predicts");
    CliTest.Run exported = CliTest.run("export-keras", "--model", dir.resolve("m").toString(),
        "--out", dir.resolve("m.keras").toString());
    assertEquals(0, exported.exit(), exported.err());
    assertTrue(Files.size(dir.resolve("m.keras")) > 1000);
    CliTest.Run refused = CliTest.run("train", "--resume-from", dir.resolve("m").toString(),
        "--data", "synthetic", "--out", dir.resolve("ft").toString());
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("takes float sequences"), refused.err());
  }

  @Test
  void anImportKeepsThePythonModelsSignatureKeys(@TempDir Path dir) {
    // tf.keras 2.6's GRU: serving_default takes input_10 and returns dense_29.
    Path source = SharedFixtures.gruModel();
    assertEquals(0, CliTest.run("import-keras", source.toString(), "--out", dir.resolve("m").toString()).exit());
    String ours = CliTest.run("inspect", "--model", dir.resolve("m").toString()).out();
    String theirs = CliTest.run("inspect", source.toString()).out();
    for (String key : new String[] {"inputs['input_10']", "outputs['dense_29']"}) {
      assertTrue(theirs.contains(key), theirs);
      assertTrue(ours.contains(key), ours);
    }
  }

  /**
   * Keras's open length (None) imports as one: the SavedModel takes batches of any length and
   * predicts what Keras predicted for both of the fixture's batches (7 and 4 steps).
   */
  @Test
  void anOpenSequenceLengthServesEveryLength(@TempDir Path dir) throws Exception {
    Path fixture = SharedFixtures.require("keras3/04_float_lstm_stack_dense");
    Path model = dir.resolve("m");
    CliTest.Run imported = CliTest.run("import-keras", fixture.resolve("model.keras").toString(),
        "--out", model.toString());
    assertEquals(0, imported.exit(), imported.err());
    com.fasterxml.jackson.databind.JsonNode expected = new com.fasterxml.jackson.databind
        .ObjectMapper().readTree(fixture.resolve("expected.json").toFile());
    for (String batch : new String[] {"inputs.json", "inputs_b.json"}) {
      CliTest.Run predicted = CliTest.run("predict", "--model", model.toString(),
          "--input", "input_layer=@" + fixture.resolve(batch));
      assertEquals(0, predicted.exit(), predicted.err());
      assertEquals(expected.path(batch).path("values").get(0).get(0).asDouble(),
          firstNumber(predicted.out()), 1e-5, batch);
    }
  }

  @Test
  void fineTuneASavedTokenModel(@TempDir Path dir) {
    CliTest.Run trained = CliTest.run("train", "--data", "synthetic", "--arch", "gru",
        "--return-sequences", "false", "--epochs", "1", "--out", dir.resolve("a").toString());
    assertEquals(0, trained.exit(), trained.err());
    CliTest.Run tuned = CliTest.run("train", "--resume-from", dir.resolve("a/model").toString(),
        "--data", "synthetic", "--epochs", "1", "--seed", "7", "--out", dir.resolve("b").toString());
    assertEquals(0, tuned.exit(), tuned.err());
    assertTrue(tuned.out().contains("Fine-tuned"), tuned.out());
    assertTrue(Files.exists(dir.resolve("b/model/saved_model.pb")));
  }

  /** The one number in a JSON output such as {"outputs":[[12.76]]}. */
  private static double firstNumber(String json) throws Exception {
    com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    while (!node.isNumber()) {
      node = node.elements().next();
    }
    return node.asDouble();
  }

  @Test
  void csvAndArchiveErrorsReachTheCommandLineWithExitCode1(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("reviews.csv");
    Files.writeString(csv, "text,label\ngood film,1\nbad film,0.5\n");
    CliTest.Run badLabel = CliTest.run("train", "--csv", csv.toString(), "--epochs", "1",
        "--out", dir.resolve("o").toString());
    assertEquals(1, badLabel.exit());
    assertTrue(badLabel.err().contains("line 3"), badLabel.err());
    assertTrue(!badLabel.err().contains("\tat "), "no stack trace: " + badLabel.err());
    Path notKeras = dir.resolve("model.keras");
    Files.writeString(notKeras, "not a zip at all");
    CliTest.Run badArchive = CliTest.run("import-keras", notKeras.toString(), "--out", dir.resolve("k").toString());
    assertEquals(1, badArchive.exit());
    assertTrue(!badArchive.err().contains("\tat "), "no stack trace: " + badArchive.err());
  }
}
