package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each layer's graph output against {@link Reference}, computed in double precision from the
 * formulas, on fixed random weights (not the initializers' values: biases are non-zero too).
 */
class LayerForwardTest {

  private static final double TOLERANCE = 1e-5;
  private static final int BATCH = 3;
  private static final int TIME = 6;
  private static final int FEATURES = 4;
  private static final int UNITS = 5;

  private final SplittableRandom random = new SplittableRandom(7);

  private float[] randomValues(int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }

  private float[][][] randomInputs() {
    float[][][] x = new float[BATCH][TIME][FEATURES];
    for (float[][] seq : x) {
      for (float[] step : seq) {
        System.arraycopy(randomValues(FEATURES, 1.5), 0, step, 0, FEATURES);
      }
    }
    return x;
  }

  private static double[][] doubles(float[][] seq) {
    double[][] d = new double[seq.length][];
    for (int i = 0; i < seq.length; i++) {
      d[i] = Reference.vector(seq[i]);
    }
    return d;
  }

  /** Runs a one-layer model on x with weights w and returns its flattened outputs per sample. */
  private float[][] run(Layer layer, InputSpec input, SequenceData x, List<Weight> weights) {
    try (Model model = Model.compile(Sequential.of(input, layer), 1)) {
      model.setWeights(weights);
      return model.predict(x, 2);
    }
  }

  @ParameterizedTest(name = "return_sequences={0} fused={1}")
  @org.junit.jupiter.params.provider.CsvSource({"true,true", "false,true", "true,false", "false,false"})
  void lstmMatchesTheKerasFormulas(boolean returnSequences, boolean fused) {
    float[] kernel = randomValues(FEATURES * 4 * UNITS, 0.6);
    float[] recurrent = randomValues(UNITS * 4 * UNITS, 0.6);
    float[] bias = randomValues(4 * UNITS, 0.5);
    float[][][] x = randomInputs();
    float[][] out = run(new LSTM("lstm", UNITS, returnSequences, fused), InputSpec.features(TIME, FEATURES),
        SequenceData.ofFeatures(x, null),
        List.of(new Weight("lstm/kernel", new long[] {FEATURES, 4 * UNITS}, kernel),
            new Weight("lstm/recurrent_kernel", new long[] {UNITS, 4 * UNITS}, recurrent),
            new Weight("lstm/bias", new long[] {4 * UNITS}, bias)));
    for (int b = 0; b < BATCH; b++) {
      double[][] expected = Reference.lstm(doubles(x[b]),
          Reference.matrix(kernel, FEATURES, 4 * UNITS), Reference.matrix(recurrent, UNITS, 4 * UNITS),
          Reference.vector(bias));
      assertSequence(expected, out[b], returnSequences);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void gruResetAfterMatchesTheKerasFormulas(boolean returnSequences) {
    float[] kernel = randomValues(FEATURES * 3 * UNITS, 0.6);
    float[] recurrent = randomValues(UNITS * 3 * UNITS, 0.6);
    float[] bias = randomValues(2 * 3 * UNITS, 0.5);
    float[][][] x = randomInputs();
    float[][] out = run(new GRU("gru", UNITS, returnSequences, true), InputSpec.features(TIME, FEATURES),
        SequenceData.ofFeatures(x, null),
        List.of(new Weight("gru/kernel", new long[] {FEATURES, 3 * UNITS}, kernel),
            new Weight("gru/recurrent_kernel", new long[] {UNITS, 3 * UNITS}, recurrent),
            new Weight("gru/bias", new long[] {2, 3 * UNITS}, bias)));
    for (int b = 0; b < BATCH; b++) {
      double[][] expected = Reference.gruResetAfter(doubles(x[b]),
          Reference.matrix(kernel, FEATURES, 3 * UNITS), Reference.matrix(recurrent, UNITS, 3 * UNITS),
          Reference.matrix(bias, 2, 3 * UNITS));
      assertSequence(expected, out[b], returnSequences);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void gruResetBeforeMatchesTheClassicFormula(boolean returnSequences) {
    float[] kernel = randomValues(FEATURES * 3 * UNITS, 0.6);
    float[] recurrent = randomValues(UNITS * 3 * UNITS, 0.6);
    float[] bias = randomValues(3 * UNITS, 0.5);
    float[][][] x = randomInputs();
    float[][] out = run(new GRU("gru", UNITS, returnSequences, false), InputSpec.features(TIME, FEATURES),
        SequenceData.ofFeatures(x, null),
        List.of(new Weight("gru/kernel", new long[] {FEATURES, 3 * UNITS}, kernel),
            new Weight("gru/recurrent_kernel", new long[] {UNITS, 3 * UNITS}, recurrent),
            new Weight("gru/bias", new long[] {3 * UNITS}, bias)));
    for (int b = 0; b < BATCH; b++) {
      double[][] expected = Reference.gruResetBefore(doubles(x[b]),
          Reference.matrix(kernel, FEATURES, 3 * UNITS), Reference.matrix(recurrent, UNITS, 3 * UNITS),
          Reference.vector(bias));
      assertSequence(expected, out[b], returnSequences);
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void denseAppliesToEveryTimeStep(Activation activation) {
    float[] kernel = randomValues(FEATURES * UNITS, 0.8);
    float[] bias = randomValues(UNITS, 0.5);
    float[][][] x = randomInputs();
    float[][] out = run(new Dense("dense", UNITS, activation), InputSpec.features(TIME, FEATURES),
        SequenceData.ofFeatures(x, null),
        List.of(new Weight("dense/kernel", new long[] {FEATURES, UNITS}, kernel),
            new Weight("dense/bias", new long[] {UNITS}, bias)));
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        double[] expected = Reference.dense(Reference.vector(x[b][t]),
            Reference.matrix(kernel, FEATURES, UNITS), Reference.vector(bias), activation);
        for (int k = 0; k < UNITS; k++) {
          assertEquals(expected[k], out[b][t * UNITS + k], TOLERANCE, "step " + t + " unit " + k);
        }
      }
    }
  }

  @Test
  void embeddingLooksUpRowsIncludingRowZero() {
    int vocabulary = 7;
    float[] table = randomValues(vocabulary * FEATURES, 1);
    int[][] ids = {{0, 1, 6, 3}, {2, 2, 0, 5}};
    float[][] out = run(new Embedding("embedding", vocabulary, FEATURES), InputSpec.tokens(4),
        SequenceData.ofTokens(ids, null),
        List.of(new Weight("embedding/embeddings", new long[] {vocabulary, FEATURES}, table)));
    for (int b = 0; b < ids.length; b++) {
      for (int t = 0; t < 4; t++) {
        for (int f = 0; f < FEATURES; f++) {
          assertEquals(table[ids[b][t] * FEATURES + f], out[b][t * FEATURES + f], 0.0);
        }
      }
    }
  }

  private static void assertSequence(double[][] expected, float[] actual, boolean returnSequences) {
    if (returnSequences) {
      assertEquals(TIME * UNITS, actual.length);
      for (int t = 0; t < TIME; t++) {
        for (int k = 0; k < UNITS; k++) {
          assertEquals(expected[t][k], actual[t * UNITS + k], TOLERANCE, "step " + t + " unit " + k);
        }
      }
    } else {
      assertEquals(UNITS, actual.length);
      for (int k = 0; k < UNITS; k++) {
        assertEquals(expected[TIME - 1][k], actual[k], TOLERANCE, "unit " + k);
      }
    }
  }
}
