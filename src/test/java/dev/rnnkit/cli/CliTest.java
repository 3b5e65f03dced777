package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

  /** Runs the CLI capturing stdout and stderr. */
  static record Run(int exit, String out, String err) {}

  static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"summary", "examples", "train", "bench", "predict", "inspect", "import-keras",
      "export-keras", "compare"})
  void everyCommandHasHelp(String command) {
    Run r = run(command, "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Usage: rnnkit " + command), r.out());
    // picocli warns on stderr when a description has an unescaped '%'.
    assertFalse(r.err().contains("WARN"), r.err());
  }

  @Test
  void summaryPrintsKerasTable() {
    Run r = run("summary", "--arch", "gru");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("Total params: 669,185"), r.out());
  }

  @Test
  void badArchitectureIsAUsageError() {
    Run r = run("summary", "--arch", "transformer");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("use lstm, gru, gru-reset-before or bilstm"), r.err());
  }

  @Test
  void trainWritesMetrics(@TempDir Path dir) throws Exception {
    Run r = run("train", "--data", "synthetic", "--arch", "lstm", "--return-sequences", "false", "--epochs", "1",
        "--validation-batch-size", "128", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode m = new ObjectMapper().readTree(Files.readString(dir.resolve("model/metrics.json")));
    assertEquals(677_249, m.get("params").asLong(), "article LSTM params");
    assertEquals(1, m.get("history").get("loss").size());
    assertTrue(m.get("testAccuracyLastStep").asDouble() > 0.5);
    assertTrue(m.get("secondsPerEpoch").get(0).asDouble() > 0);
  }

  @Test
  void benchWritesItsFiguresAsJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    Run r = run("bench", "--arch", "gru", "--steps", "2", "--runs", "2", "--warmup", "1",
        "--serving-calls", "0", "--epoch-samples", "96", "--profile", "2", "--json", json.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("one epoch of 96 sequences"), r.out());
    JsonNode b = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("gru", b.get("architecture").asText());
    assertTrue(b.get("trainMillisPerStep").asDouble() > 0);
    assertTrue(b.get("shareOfPeak").asDouble() > 0);
    assertEquals(96, b.get("epoch").get("samples").asInt());
    assertTrue(b.get("epoch").get("trainSeconds").asDouble() > 0);
    assertTrue(b.get("epoch").get("evaluateSeconds").asDouble() > 0);
    JsonNode profile = b.get("profile");
    assertEquals(2, profile.get("steps").asInt());
    assertTrue(profile.get("tracedMillisPerStep").asDouble() > 0);
    boolean tanh = false;
    for (JsonNode type : profile.get("opTypes")) {
      tanh |= type.get("type").asText().equals("Tanh") && type.get("opsPerStep").asDouble() > 0;
    }
    assertTrue(tanh, "the GRU's unrolled steps run Tanh ops: " + profile);
    assertTrue(r.out().contains("op types by time per step"), r.out());
    Run bad = run("bench", "--epoch-samples", "-1");
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("--epoch-samples and --profile at least 0"), bad.err());
  }

  @Test
  void badTrainingArgumentsFailWithAMessage() {
    Run r = run("train", "--data", "synthetic", "--batch-size", "0", "--epochs", "1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("batch size must be at least 1"), r.err());
    Run v = run("train", "--data", "synthetic", "--validation-batch-size", "-1", "--epochs", "1");
    assertEquals(1, v.exit());
    assertTrue(v.err().contains("validation batch size must be at least 1"), v.err());
    Run d = run("train", "--data", "mnist");
    assertEquals(1, d.exit());
    assertTrue(d.err().contains("Unknown --data 'mnist': use imdb or synthetic"), d.err());
  }

  @Test
  void trainSavesAModelThatPredictAndInspectRead(@TempDir Path dir) throws Exception {
    Run r = run("train", "--data", "synthetic", "--arch", "gru", "--epochs", "1", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    // The run ends by saying where the model is and what to try with it.
    assertTrue(r.out().contains("in " + dir.resolve("model")), r.out());
    assertTrue(r.out().contains("Next: rnnkit inspect --model " + dir.resolve("model")), r.out());
    assertTrue(Files.exists(dir.resolve("model/learning-curves.png")));
    Run inspect = run("inspect", dir.resolve("model").toString());
    assertEquals(0, inspect.exit(), inspect.err());
    assertTrue(inspect.out().contains("inputs['token_ids'] tensor_info:"), inspect.out());
    int[] ids = new int[50];
    ids[49] = 7;
    Run predict = run("predict", "--model", dir.resolve("model").toString(),
        "--input", "token_ids=[" + java.util.Arrays.toString(ids) + "]");
    assertEquals(0, predict.exit(), predict.err());
    assertTrue(predict.out().contains("\"probabilities\":[["), predict.out());
    ids[0] = 10_000;
    Run outOfRange = run("predict", "--model", dir.resolve("model").toString(),
        "--input", "token_ids=[" + java.util.Arrays.toString(ids) + "]");
    assertEquals(1, outOfRange.exit());
    assertTrue(outOfRange.err().contains("Token id 10000 is out of range: ids must be in [0, 10000)"),
        outOfRange.err());
    Run again = run("train", "--data", "synthetic", "--arch", "gru", "--epochs", "1", "--out", dir.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("--force"), again.err());
    Run noText = run("predict", "--model", dir.resolve("model").toString(), "--text", "great film");
    assertEquals(1, noText.exit());
    assertTrue(noText.err().contains("serving_text"), noText.err());
  }

  @Test
  void predictWithoutInputsSaysWhatToGive(@TempDir Path dir) {
    Run r = run("predict", "--model", dir.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Nothing to predict"), r.err());
  }
}
