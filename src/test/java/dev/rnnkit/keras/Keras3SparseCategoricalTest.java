package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * sparse_categorical_crossentropy and its accuracy on Keras 3.15.1's softmax models: the loss
 * and accuracy RNNKit evaluates equal Keras's formulas applied to Keras's own predictions (for a
 * last-step output, and for a masked sequence output whose masked steps do not count).
 */
class Keras3SparseCategoricalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLastStepSoftmaxModelEvaluatesAsKerasWould() throws IOException {
    Path fixture = Fixtures.require("keras3/01_emb_mask_lstm_softmax");
    int[][] ids = ids(fixture, "inputs_b.json");
    float[] labels = {0, 1, 2, 1, 0};
    float[] p = Fixtures.floats(expected(fixture).path("inputs_b.json").path("values"));
    double loss = 0;
    double right = 0;
    for (int i = 0; i < labels.length; i++) {
      loss -= Math.log(clip(p[3 * i + (int) labels[i]]));
      right += argmax(p, 3 * i, 3) == labels[i] ? 1 : 0;
    }
    Evaluation eval = evaluate(fixture, SequenceData.ofTokens(ids, labels));
    assertEquals(loss / labels.length, eval.loss(), 1e-5);
    assertEquals(right / labels.length, eval.get("accuracy"), 1e-9);
  }

  @Test
  void aMaskedSequenceOutputCountsOnlyUnmaskedSteps() throws IOException {
    Path fixture = Fixtures.require("keras3/11_emb_mask_lstm_seq_softmax");
    int[][] ids = ids(fixture, "inputs.json");
    float[] labels = new float[ids.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 2;
    }
    float[] p = Fixtures.floats(expected(fixture).path("inputs.json").path("values"));
    int steps = ids[0].length;
    // Keras: a batch's loss is its unmasked steps' mean; evaluate weighs batches by their size.
    // Accuracy counts every unmasked step of every batch.
    double loss = 0;
    double right = 0;
    int kept = 0;
    for (int from = 0; from < ids.length; from += 2) {
      double batchLoss = 0;
      int batchKept = 0;
      for (int i = from; i < Math.min(ids.length, from + 2); i++) {
        for (int t = 0; t < steps; t++) {
          if (ids[i][t] != 0) {
            int at = 2 * (i * steps + t);
            batchLoss -= Math.log(clip(p[at + (int) labels[i]]));
            right += argmax(p, at, 2) == labels[i] ? 1 : 0;
            batchKept++;
          }
        }
      }
      loss += batchLoss / batchKept * (Math.min(ids.length, from + 2) - from);
      kept += batchKept;
    }
    Evaluation eval = evaluate(fixture, SequenceData.ofTokens(ids, labels));
    assertEquals(loss / ids.length, eval.loss(), 1e-5);
    assertEquals(right / kept, eval.get("accuracy"), 1e-9);
  }

  @Test
  void labelsOutsideTheClassesAreRefusedWithTheRange() throws IOException {
    Path fixture = Fixtures.require("keras3/01_emb_mask_lstm_softmax");
    int[][] ids = ids(fixture, "inputs_b.json");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(fixture, SequenceData.ofTokens(ids, new float[] {0, 1, 3, 1, 0})));
    assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
  }

  private static Evaluation evaluate(Path fixture, SequenceData data) throws IOException {
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"));
    try (Model model = imported.compile(Adam.keras(), Loss.sparseCategoricalCrossentropy())) {
      return model.evaluate(data, 2);
    }
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  }

  static int argmax(float[] p, int from, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (p[from + c] > p[from + best]) {
        best = c;
      }
    }
    return best;
  }

  private static JsonNode expected(Path fixture) throws IOException {
    return JSON.readTree(fixture.resolve("expected.json").toFile());
  }

  private static int[][] ids(Path fixture, String file) throws IOException {
    JsonNode batch = JSON.readTree(fixture.resolve(file).toFile());
    int[][] ids = new int[batch.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = new int[batch.get(i).size()];
      for (int t = 0; t < ids[i].length; t++) {
        ids[i][t] = batch.get(i).get(t).intValue();
      }
    }
    return ids;
  }
}
