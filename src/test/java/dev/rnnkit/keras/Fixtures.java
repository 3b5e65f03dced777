package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.SharedFixtures;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.Model;
import dev.rnnkit.optimizers.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Python-written fixtures, as {@link SharedFixtures} finds them. */
final class Fixtures {

  static final Path ROOT = SharedFixtures.ROOT;

  /**
   * How close RNNKit's outputs must come to Keras's: float32 arithmetic in another order differs
   * by about 1e-7 (the fixtures' README).
   */
  static final double TOLERANCE = 1e-5;

  private Fixtures() {}

  /**
   * The keras3 cases of recurrent options on fixed-length float input (go_backwards, use_bias,
   * reset_after, activations), which RNNKit imports.
   */
  static List<String> recurrentOptionCases() {
    return List.of(
        "05a_lstm_go_backwards", "05b_gru_go_backwards_nobias", "05c_gru_reset_before_seq",
        "05d_lstm_go_backwards_seq", "06a_lstm_relu_hard_sigmoid", "06b_gru_softsign_sigmoid");
  }

  static Path require(String relative) {
    return SharedFixtures.require(relative);
  }

  /** A JSON array of any depth of numbers as row-major floats, each parsed exactly. */
  static float[] floats(JsonNode values) {
    List<Float> out = new ArrayList<>();
    collect(values, out);
    float[] flat = new float[out.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = out.get(i);
    }
    return flat;
  }

  private static void collect(JsonNode node, List<Float> out) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    } else {
      out.add(Float.parseFloat(node.asText()));
    }
  }

  /**
   * The keras3 cases of masks, open lengths, stacks and wrappers, which RNNKit imports with an
   * open length (Keras's {@code shape=(None, ...)}) where Keras's model has one.
   */
  static List<String> sequenceCases() {
    return List.of("01_emb_mask_lstm_softmax", "02_emb_bilstm_seq_gmp_sigmoid",
        "03_emb_mask_bigru_sum_softmax", "04_float_lstm_stack_dense", "07_simplernn_stack",
        "08_emb_dropouts_lstm", "09_lstm_timedistributed",
        "10_masking_gru_gap", "11_emb_mask_lstm_seq_softmax", "12_conv_pool_gru");
  }

  /** A fixture's input batch: token ids [batch][step] or float sequences [batch][step][feature]. */
  static SequenceData inputs(JsonNode batch) {
    if (batch.get(0).get(0).isArray()) {
      return features(batch);
    }
    int[][] ids = new int[batch.size()][];
    for (int i = 0; i < batch.size(); i++) {
      ids[i] = new int[batch.get(i).size()];
      for (int t = 0; t < ids[i].length; t++) {
        ids[i][t] = batch.get(i).get(t).intValue();
      }
    }
    return SequenceData.ofTokens(ids, null);
  }

  /** A batch of float sequences [batch][step][feature] from a fixture's inputs JSON. */
  static SequenceData features(JsonNode batch) {
    float[][][] sequences = new float[batch.size()][][];
    for (int i = 0; i < batch.size(); i++) {
      JsonNode steps = batch.get(i);
      sequences[i] = new float[steps.size()][];
      for (int t = 0; t < steps.size(); t++) {
        JsonNode features = steps.get(t);
        sequences[i][t] = new float[features.size()];
        for (int f = 0; f < features.size(); f++) {
          sequences[i][t][f] = Float.parseFloat(features.get(f).asText());
        }
      }
    }
    if (sequences.length == 0) {
      throw new IllegalStateException("The fixture has no inputs");
    }
    return SequenceData.ofFeatures(sequences, null);
  }

  /** The model's predictions for {@code inputs}, row after row. */
  static float[] predict(ImportedModel imported, SequenceData inputs) {
    try (Model model = imported.compile(Adam.keras(), Loss.meanSquaredError())) {
      return flat(model.predict(inputs, inputs.size()));
    }
  }

  /** Rows of predictions as one row-major array. */
  static float[] flat(float[][] rows) {
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }

  /** Every value within {@link #TOLERANCE}. */
  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": number of outputs");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE, what + ": output " + i);
    }
  }
}
