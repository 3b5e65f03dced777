package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench on any model: --model (Keras files), --arch bilstm, --compare-to and --open-length, and
 * what it refuses. Tiny settings: these check what is reported, never how fast.
 */
class BenchCliTest {

  private static final String[] TINY = {"--steps", "2", "--runs", "1", "--warmup", "1",
      "--epoch-samples", "0", "--serving-calls", "0"};

  @Test
  void bilstmAgainstTheArticleLstmAndAgainstItsOpenLength(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("b.json");
    CliTest.Run r = bench(json, "--arch", "bilstm", "--compare-to", "lstm", "--open-length");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("bilstm (return_sequences=false), batch 32, 50 time steps"), r.out());
    assertTrue(r.out().contains("bilstm / lstm training step: "), r.out());
    assertTrue(r.out().contains("bilstm (open length) / bilstm training step: "), r.out());
    // A masked open-length model pads a batch to its length bucket; the log says so.
    assertTrue(r.err().contains("bilstm (open length) runs batches of 50 steps padded to 56"), r.err());
    JsonNode b = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("bilstm", b.get("architecture").asText());
    assertEquals(50, b.get("timeSteps").asInt());
    JsonNode comparison = b.get("comparison");
    assertEquals("bilstm", comparison.get("model").asText());
    assertEquals("lstm", comparison.get("baseline").asText());
    assertEquals(50, comparison.get("timeSteps").asInt());
    assertRatio(comparison);
    JsonNode open = b.get("openLength");
    assertEquals("bilstm (open length)", open.get("model").asText());
    assertEquals("bilstm", open.get("baseline").asText());
    assertRatio(open);
  }

  @Test
  void anArticleModelWithoutRatiosHasNoneInItsJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("b.json");
    CliTest.Run r = bench(json, "--arch", "lstm", "--return-sequences", "false");
    assertEquals(0, r.exit(), r.err());
    assertTrue(!r.out().contains("training step: "), r.out());
    JsonNode b = new ObjectMapper().readTree(Files.readString(json));
    assertTrue(b.get("comparison").isNull());
    assertTrue(b.get("openLength").isNull());
    assertEquals(false, b.get("returnSequences").asBoolean());
  }

  /** A fixed-length token model: its own 12 steps; no serving figures (ids below 60), and why. */
  @Test
  void aKerasFileIsTimedOnItsOwnInput(@TempDir Path dir) throws Exception {
    Path file = SharedFixtures.require("keras3/02_emb_bilstm_seq_gmp_sigmoid/model.keras");
    Path json = dir.resolve("k.json");
    CliTest.Run r = bench(json, "--model", file.toString(), "--serving-calls", "1",
        "--compare-to", "lstm");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("model.keras (return_sequences=false), batch 32, 12 time steps,"),
        r.out());
    assertTrue(r.out().contains("no serving figures: serving is timed on ids below 10000 (the"
        + " text signature's vocabulary), but Embedding 'embedding' takes ids below 60"), r.out());
    JsonNode b = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("model.keras", b.get("architecture").asText());
    assertEquals(12, b.get("timeSteps").asInt());
    assertTrue(b.get("trainMillisPerStep").asDouble() > 0);
    assertTrue(b.get("inferenceSamplesPerSecond").asDouble() > 0);
    assertTrue(b.get("serving").isNull());
    // The article's LSTM is timed on batches of the file's length.
    assertEquals(12, b.get("comparison").get("timeSteps").asInt());
    assertRatio(b.get("comparison"));
  }

  /** An open-length float model (legacy .h5): 50 steps, and the ratio against 50 fixed ones. */
  @Test
  void anOpenLengthKerasFileIsTimedAt50StepsAgainstItsFixedLength(@TempDir Path dir)
      throws Exception {
    Path file = SharedFixtures.require("keras3/10_masking_gru_gap/model.h5");
    Path json = dir.resolve("k.json");
    CliTest.Run r = bench(json, "--model", file.toString(), "--open-length", "--serving-calls", "1",
        "--epoch-samples", "64");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("batch 32, 50 time steps (open length),"), r.out());
    assertTrue(r.out().contains("no serving figures: the model takes float features"), r.out());
    assertTrue(r.out().contains("model.h5 / model.h5 (50 steps) training step: "), r.out());
    JsonNode b = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(50, b.get("timeSteps").asInt());
    assertEquals(64, b.get("epoch").get("samples").asInt());
    JsonNode open = b.get("openLength");
    assertEquals("model.h5", open.get("model").asText());
    assertEquals("model.h5 (50 steps)", open.get("baseline").asText());
    assertRatio(open);
  }

  @Test
  void modelExcludesTheArticleOptions() {
    for (String[] articleOption : new String[][] {{"--arch", "gru"}, {"--return-sequences", "true"}}) {
      CliTest.Run r = CliTest.run("bench", "--model", "any.keras", articleOption[0],
          articleOption[1]);
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--model and " + articleOption[0] + " exclude each other"), r.err());
    }
    CliTest.Run unknown = CliTest.run("bench", "--compare-to", "transformer");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("Unknown architecture 'transformer'"), unknown.err());
  }

  /**
   * Without a classifier's output (one sigmoid unit, or a softmax over classes) the library
   * trains one output unit per step; bench says so before timing anything.
   */
  @Test
  void aModelTheLibraryCannotTrainIsRefusedByName(@TempDir Path dir) {
    Path file = SharedFixtures.require("keras3/04_float_lstm_stack_dense/model.keras");
    CliTest.Run r = bench(dir.resolve("k.json"), "--model", file.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Cannot time training of model.keras: Training needs one output"
        + " unit per step"), r.err());
    CliTest.Run missing = bench(dir.resolve("m.json"), "--model", dir.resolve("none.keras").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("No such file or directory"), missing.err());
  }

  private static void assertRatio(JsonNode ratio) {
    double model = ratio.get("modelMillisPerStep").asDouble();
    double baseline = ratio.get("baselineMillisPerStep").asDouble();
    assertTrue(model > 0 && baseline > 0, ratio.toString());
    assertEquals(model / baseline, ratio.get("ratio").asDouble(), 1e-9, ratio.toString());
  }

  /** bench with {@code args}, and the tiny settings of {@link #TINY} that they do not give. */
  private static CliTest.Run bench(Path json, String... args) {
    List<String> all = new ArrayList<>(List.of("bench"));
    for (int i = 0; i < TINY.length; i += 2) {
      if (!List.of(args).contains(TINY[i])) {
        all.addAll(List.of(TINY[i], TINY[i + 1]));
      }
    }
    all.addAll(List.of(args));
    all.addAll(List.of("--json", json.toString()));
    return CliTest.run(all.toArray(String[]::new));
  }
}
