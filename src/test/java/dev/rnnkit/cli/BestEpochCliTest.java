package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --early-stopping PATIENCE} and {@code --save-best} on {@code train} and
 * {@code examples}: the run stops as Keras's EarlyStopping would have on its val_loss, the model
 * saved is the epoch with the lowest val_loss, the command says which, and metrics.json keeps the
 * history of every epoch run.
 */
class BestEpochCliTest {

  @TempDir Path tmp;

  private static JsonNode metrics(Path modelDir) throws IOException {
    return new ObjectMapper().readTree(Files.readString(modelDir.resolve("metrics.json")));
  }

  private static List<Double> valLoss(JsonNode metrics) {
    List<Double> values = new ArrayList<>();
    metrics.get("history").get("val_loss").forEach(v -> values.add(v.asDouble()));
    return values;
  }

  private static int argmin(List<Double> values) {
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) < values.get(best)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The epochs Keras's EarlyStopping(patience) lets a fit of {@code requested} epochs run, given
   * the val_loss of the epochs it ran: it stops after {@code patience} epochs without a new low.
   */
  private static int epochsKerasRuns(List<Double> valLoss, int patience, int requested) {
    double best = Double.POSITIVE_INFINITY;
    int wait = 0;
    for (int epoch = 0; epoch < valLoss.size(); epoch++) {
      wait++;
      if (valLoss.get(epoch) < best) {
        best = valLoss.get(epoch);
        wait = 0;
      } else if (wait >= patience && epoch > 0) {
        return epoch + 1;
      }
    }
    return requested;
  }

  /**
   * The saved model is the best epoch's: evaluated on the test split (the validation data) its
   * loss is that epoch's val_loss, up to the float rounding of another batch size.
   */
  private static void assertSavedIsBest(JsonNode m, String out) {
    List<Double> valLoss = valLoss(m);
    int best = argmin(valLoss);
    assertEquals(best + 1, m.get("savedEpoch").asInt(), valLoss.toString());
    assertEquals(valLoss.get(best), m.get("testLoss").asDouble(), 1e-5);
    assertEquals(valLoss.size(), m.get("history").get("loss").size(), "the full history");
    assertEquals(valLoss.size(), m.get("epochs").asInt());
    assertTrue(out.contains("Keeping the weights of epoch " + (best + 1) + ", the lowest val_loss"),
        out);
  }

  @Test
  void trainStopsEarlyAndSavesTheBestEpoch() throws IOException {
    Path dir = tmp.resolve("run");
    int patience = 1;
    CliTest.Run r = CliTest.run("train", "--data", "synthetic", "--limit", "200", "--epochs", "8",
        "--early-stopping", String.valueOf(patience), "--save-best", "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode m = metrics(dir.resolve("model"));
    assertSavedIsBest(m, r.out());
    List<Double> valLoss = valLoss(m);
    assertEquals(epochsKerasRuns(valLoss, patience, 8), valLoss.size(), valLoss.toString());
    if (valLoss.size() < 8) {
      assertTrue(r.out().contains("Epoch " + valLoss.size() + ": early stopping"), r.out());
    }
    assertTrue(r.out().contains("Wrote the model (the weights of epoch " + m.get("savedEpoch")
        + " of " + valLoss.size() + ": lowest val_loss)"), r.out());
  }

  @Test
  void withoutTheFlagsTheLastEpochIsSavedAsBefore() throws IOException {
    Path dir = tmp.resolve("run");
    CliTest.Run r = CliTest.run("train", "--data", "synthetic", "--limit", "200", "--epochs", "2",
        "--out", dir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode m = metrics(dir.resolve("model"));
    assertFalse(m.has("savedEpoch"), "metrics.json as before");
    assertEquals(2, m.get("history").get("loss").size());
    assertFalse(r.out().contains("Keeping the weights"), r.out());
    assertFalse(r.out().contains("early stopping"), r.out());
  }

  @Test
  void examplesEarlyStoppingWithSaveBestKeepsTheBestEpoch() throws IOException {
    Path out = tmp.resolve("out");
    CliTest.Run r = CliTest.run("examples", "--data", "synthetic", "--limit", "200", "--epochs",
        "8", "--early-stopping", "2", "--save-best", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    for (String cell : List.of("lstm", "gru")) {
      JsonNode m = metrics(out.resolve(cell).resolve("model"));
      assertSavedIsBest(m, r.out());
      assertEquals(epochsKerasRuns(valLoss(m), 2, 8), valLoss(m).size());
      assertTrue(r.out().contains("the weights of epoch " + m.get("savedEpoch") + " of "
          + m.get("epochs") + ": lowest val_loss"), r.out());
    }
    assertTrue(Files.readString(out.resolve("comparison.md")).contains("(lowest val_loss)"));
  }

  @Test
  void aNegativePatienceIsRefused() {
    CliTest.Run r = CliTest.run("train", "--data", "synthetic", "--limit", "200",
        "--early-stopping", "-1", "--out", tmp.resolve("run").toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("--early-stopping takes a patience of 0 epochs or more, got -1"),
        r.err());
  }

  @Test
  void fineTuningRefusesTheFlagsInsteadOfIgnoringThem() {
    CliTest.Run r = CliTest.run("train", "--resume-from", tmp.resolve("no-model").toString(),
        "--save-best", "--out", tmp.resolve("run").toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().contains("--early-stopping and --save-best do not work with --resume-from"),
        r.err());
  }
}
