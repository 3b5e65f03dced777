package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GlobalAveragePooling1D against Keras 3.15.1's predictions and Keras's masked mean. */
class GlobalAveragePooling1DTest {

  private static final float TOLERANCE = 1e-6f;

  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void averagesEveryFeatureOverTime(SequenceLayout layout) {
    float[][][] x = {{{1, -2}, {3, 0.5f}, {-4, 7}}, {{-1, -1}, {-3, -2}, {-2, -5}}};
    float[][] out = GlobalPooling1DTest.pool(new GlobalAveragePooling1D(), x, false, layout);
    assertArrayEquals(new float[] {0, 5.5f / 3}, out[0], TOLERANCE);
    assertArrayEquals(new float[] {-2, -8f / 3}, out[1], TOLERANCE);
  }

  /** Keras 3 averages over the unmasked steps only. */
  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void averagesOverUnmaskedStepsOnly(SequenceLayout layout) {
    float[][] out = GlobalPooling1DTest.pool(
        new GlobalAveragePooling1D(), GlobalPooling1DTest.MASKED_INPUT, true, layout);
    assertArrayEquals(new float[] {2, -0.75f}, out[0], TOLERANCE);
    assertArrayEquals(new float[] {-0.8333333f, -2.6666667f}, out[1], TOLERANCE);
  }

  /**
   * After a recurrent layer the model runs time-major: the pooled values are still the mean of
   * the layer's sequence output over the unmasked steps (where it repeats the last output).
   */
  @Test
  void averagesARecurrentSequenceOverUnmaskedStepsTimeMajor() {
    Sequential sequences = Sequential.of(InputSpec.features(4, 2), new Masking(0f),
        new SimpleRNN("simple_rnn", 3, true));
    Sequential pooled = Sequential.of(InputSpec.features(4, 2), new Masking(0f),
        new SimpleRNN("simple_rnn", 3, true), new GlobalAveragePooling1D());
    assertEquals(SequenceLayout.TIME_MAJOR, pooled.sequenceLayout());
    SplittableRandom random = new SplittableRandom(3);
    List<Weight> weights = List.of(
        new Weight("simple_rnn/kernel", new long[] {2, 3}, values(random, 6)),
        new Weight("simple_rnn/recurrent_kernel", new long[] {3, 3}, values(random, 9)),
        new Weight("simple_rnn/bias", new long[] {3}, values(random, 3)));
    float[][][] x = GlobalPooling1DTest.MASKED_INPUT;
    float[][] steps = GlobalPooling1DTest.predict(sequences, x, weights);
    float[][] out = GlobalPooling1DTest.predict(pooled, x, weights);
    for (int s = 0; s < x.length; s++) {
      float[] mean = new float[3];
      int count = 0;
      for (int t = 0; t < 4; t++) {
        if (x[s][t][0] != 0 || x[s][t][1] != 0) {
          count++;
          for (int k = 0; k < 3; k++) {
            mean[k] += steps[s][t * 3 + k];
          }
        }
      }
      for (int k = 0; k < 3; k++) {
        mean[k] /= count;
      }
      assertArrayEquals(mean, out[s], 1e-6f, "sample " + s);
    }
  }

  /** As Keras's model.summary() lists them: no parameters, the time axis pooled away. */
  @Test
  void summaryListsMaskingAndPoolingAsKerasDoes() {
    String summary = Sequential.of(InputSpec.features(4, 2), new Masking(0f),
        new GlobalAveragePooling1D()).summary();
    assertTrue(summary.matches("(?s).*\\nmasking \\(Masking\\) +\\(None, 4, 2\\) +0\\n.*"),
        summary);
    assertTrue(summary.matches("(?s).*\\nglobal_average_pooling1d \\(GlobalAveragePooling1D\\)"
        + " +\\(None, 2\\) +0\\n.*"), summary);
    assertTrue(summary.contains("Total params: 0\n"), summary);
  }

  private static float[] values(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 1.6 - 0.8);
    }
    return v;
  }
}
