package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GlobalMaxPooling1D against Keras 3.15.1's predictions. */
class GlobalMaxPooling1DTest {

  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void takesTheMaximumOfEveryFeatureOverTime(SequenceLayout layout) {
    float[][][] x = {{{1, -2}, {3, 0.5f}, {-4, 7}}, {{-1, -1}, {-3, -2}, {-2, -5}}};
    float[][] out = GlobalPooling1DTest.pool(new GlobalMaxPooling1D(), x, false, layout);
    assertArrayEquals(new float[] {3, 7}, out[0]);
    assertArrayEquals(new float[] {-1, -1}, out[1]);
  }

  /**
   * Keras 3's GlobalMaxPooling1D does not support masking: it warns, takes every step, masked
   * ones included (Masking made them 0, which wins in the second row), and drops the mask.
   */
  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void ignoresTheMaskAsKeras3Does(SequenceLayout layout) {
    float[][] out = GlobalPooling1DTest.pool(
        new GlobalMaxPooling1D(), GlobalPooling1DTest.MASKED_INPUT, true, layout);
    assertArrayEquals(new float[] {3, 0.5f}, out[0]);
    assertArrayEquals(new float[] {0.5f, 0}, out[1]);
  }
}
