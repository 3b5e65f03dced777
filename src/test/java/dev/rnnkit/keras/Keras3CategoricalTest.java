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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * categorical_crossentropy and its accuracy on the model of Keras 3.15.1's fixture 13b (case 01's
 * model compiled with {@code loss='categorical_crossentropy', metrics=['accuracy']}): the loss
 * and accuracy RNNKit evaluates equal Keras's formulas applied to Keras's own predictions
 * (expected.json) for one-hot labels and a probability-vector label, and the figures Keras's own
 * {@code model.evaluate(x, y, batch_size=2)} returned for the same labels.
 */
class Keras3CategoricalTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CASE = "keras3/13b_compiled_adam_clipnorm_categorical";

  /** Classes 0, 1, 2, 1, 0 one-hot, but the second row a probability vector (argmax 2). */
  private static float[][] labels(int rows) {
    float[][] y = SequenceData.toCategorical(new int[] {0, 1, 2, 1, 0}, 3);
    y[1] = new float[] {0.1f, 0.2f, 0.7f};
    return Arrays.copyOf(y, rows);
  }

  @ParameterizedTest
  @CsvSource({"inputs.json, 1.1302964687347412, 0.25",
      "inputs_b.json, 1.0337650775909424, 0.4000000059604645"})
  void lossAndAccuracyAreKerasFormulasOfKerasPredictions(String file, double kerasLoss,
      double kerasAccuracy) throws IOException {
    Path fixture = Fixtures.require(CASE);
    JsonNode inputs = JSON.readTree(fixture.resolve(file).toFile());
    SequenceData x = Fixtures.inputs(inputs);
    float[][] y = labels(x.size());
    float[] p = Fixtures.floats(
        JSON.readTree(fixture.resolve("expected.json").toFile()).path(file).path("values"));
    double loss = 0;
    double right = 0;
    for (int i = 0; i < y.length; i++) {
      double sum = p[3 * i] + p[3 * i + 1] + p[3 * i + 2];
      for (int c = 0; c < 3; c++) {
        loss -= y[i][c] * Math.log(Math.min(Math.max(p[3 * i + c] / sum, 1e-7), 1 - 1e-7));
      }
      right += Keras3SparseCategoricalTest.argmax(p, 3 * i, 3)
          == Keras3SparseCategoricalTest.argmax(y[i], 0, 3) ? 1 : 0;
    }
    Evaluation eval = evaluate(fixture, x.withLabelVectors(y));
    assertEquals(loss / y.length, eval.loss(), Fixtures.TOLERANCE);
    assertEquals(right / y.length, eval.get("accuracy"), 1e-9);
    assertEquals(kerasLoss, eval.loss(), Fixtures.TOLERANCE);
    assertEquals(kerasAccuracy, eval.get("accuracy"), 1e-7);
  }

  /**
   * Case 11's masked sequence output (Embedding(mask_zero) -> LSTM(return_sequences) ->
   * Dense(2, softmax)) with each sequence's label vector on every step: Keras 3.15.1's {@code
   * evaluate(x, y repeated over the steps, batch_size=2)} after {@code
   * compile(loss='categorical_crossentropy', metrics=['accuracy'])} returned these figures; the
   * masked steps do not count.
   */
  @Test
  void aMaskedSequenceOutputEvaluatesAsKerasDid() throws IOException {
    Path fixture = Fixtures.require("keras3/11_emb_mask_lstm_seq_softmax");
    SequenceData x = Fixtures.inputs(JSON.readTree(fixture.resolve("inputs.json").toFile()));
    float[][] y = {{1, 0}, {0.3f, 0.7f}, {0, 1}, {0.6f, 0.4f}};
    Evaluation eval = evaluate(fixture, x.withLabelVectors(y));
    assertEquals(0.8292701244354248, eval.loss(), Fixtures.TOLERANCE);
    assertEquals(0.4375000298023224, eval.get("accuracy"), 1e-7);
  }

  @Test
  void classIndicesAreRefusedWithTheFix() throws IOException {
    Path fixture = Fixtures.require(CASE);
    SequenceData x = Fixtures.inputs(JSON.readTree(fixture.resolve("inputs.json").toFile()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(fixture, SequenceData.ofTokens(tokens(x), new float[] {0, 1, 2, 1})));
    assertTrue(e.getMessage().contains("withCategoricalLabels(3)"), e.getMessage());
    IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
        () -> evaluate(fixture, x.withLabelVectors(new float[4][4])));
    assertTrue(wide.getMessage().contains("label vectors of 4 values but the model outputs 3"),
        wide.getMessage());
  }

  private static int[][] tokens(SequenceData x) {
    int[][] ids = new int[x.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = x.tokensOf(i);
    }
    return ids;
  }

  private static Evaluation evaluate(Path fixture, SequenceData data) throws IOException {
    ImportedModel imported = KerasImporter.importModel(fixture.resolve("model.keras"));
    try (Model model = imported.compile(Adam.keras(), Loss.categoricalCrossentropy())) {
      return model.evaluate(data, 2);
    }
  }
}
