package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GlobalMaxPooling1D;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Padding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Masking(0.0) before a Conv1D or a pooling: Keras drops the mask there, so the GRU after reads
 * every step, and steps of padding that RNNKit added would change its output. A model with an
 * open length must then pad a batch only to its longest sequence (no length buckets), as a
 * Keras user would, and predict what the same model with that fixed length predicts.
 */
class WindowLayersPaddingTest {

  private static Sequential model(InputSpec input, boolean conv) {
    return conv
        ? Sequential.of(input, new Masking(0f),
            new Conv1D("conv1d", 3, 3, 1, Padding.SAME, 1, Activation.TANH, true),
            new GRU("gru", 2, false, true), new Dense("dense", 1, Activation.SIGMOID))
        : Sequential.of(input, new Masking(0f), new MaxPooling1D("max_pooling1d", 2, 1,
            Padding.SAME), new GRU("gru", 2, false, true),
            new Dense("dense", 1, Activation.SIGMOID));
  }

  @Test
  void aWindowLayerStopsLengthBucketsAndPaddingMoves() {
    assertTrue(LengthGraphs.masksPadding(Sequential.of(InputSpec.openFeatures(2),
        new Masking(0f), new GRU(2, false), new Dense(1, Activation.SIGMOID))));
    for (boolean conv : new boolean[] {true, false}) {
      assertFalse(LengthGraphs.masksPadding(model(InputSpec.openFeatures(2), conv)));
    }
  }

  @Test
  void anOpenLengthPredictsAsTheFixedLength() {
    float[][][] x = new float[3][5][2];
    SplittableRandom random = new SplittableRandom(3);
    for (float[][] sequence : x) {
      for (float[] step : sequence) {
        step[0] = (float) random.nextDouble(-1, 1);
        step[1] = (float) random.nextDouble(-1, 1);
      }
    }
    x[1][4] = new float[2]; // a masked step, which the window layer reads all the same
    SequenceData data = SequenceData.ofFeatures(x, null);
    for (boolean conv : new boolean[] {true, false}) {
      try (Model fixed = Model.compile(model(InputSpec.features(5, 2), conv), 5);
          Model open = Model.compile(model(InputSpec.openFeatures(2), conv), 6)) {
        open.setWeights(fixed.weights());
        float[][] expected = fixed.predict(data, 3);
        float[][] actual = open.predict(data, 3);
        for (int i = 0; i < expected.length; i++) {
          assertArrayEquals(expected[i], actual[i], 1e-6f, "row " + i);
        }
      }
    }
  }

  /** Keras's masked BiLSTM with GlobalMaxPooling1D, which reads the masked steps too. */
  private static Sequential maxPooled(InputSpec input) {
    return Sequential.of(input, new Embedding("embedding", 30, 3, true),
        new Bidirectional(new LSTM("lstm", 4, true), Bidirectional.MergeMode.CONCAT),
        new GlobalMaxPooling1D("global_max_pooling1d"), new Dense("dense", 1, Activation.LINEAR));
  }

  @Test
  void globalMaxPoolingOverMaskedStepsKeepsTheBatchAsGiven() {
    assertFalse(LengthGraphs.masksPadding(maxPooled(InputSpec.openTokens())));
    // Ragged texts, padded after their ends to the longest (5 steps): a length bucket would be
    // 8 steps, whose zero outputs would enter the maximum of every 5-step text.
    SplittableRandom random = new SplittableRandom(11);
    int[][] ragged = new int[40][];
    int[][] padded = new int[40][5];
    for (int i = 0; i < ragged.length; i++) {
      ragged[i] = new int[i % 2 == 0 ? 5 : 1 + random.nextInt(5)];
      for (int t = 0; t < ragged[i].length; t++) {
        ragged[i][t] = 1 + random.nextInt(29);
        padded[i][t] = ragged[i][t];
      }
    }
    try (Model fixed = Model.compile(maxPooled(InputSpec.tokens(5)), 5);
        Model open = Model.compile(maxPooled(InputSpec.openTokens()), 6)) {
      open.setWeights(fixed.weights());
      float[][] expected = fixed.predict(SequenceData.ofTokens(padded, null), 40);
      float[][] actual = open.predict(SequenceData.ofRaggedTokens(ragged, null), 40);
      for (int i = 0; i < expected.length; i++) {
        assertArrayEquals(expected[i], actual[i], 1e-6f, "row " + i);
      }
    }
  }
}
