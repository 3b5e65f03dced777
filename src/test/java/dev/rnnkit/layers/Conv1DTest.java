package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Conv1D's padding modes on a one-channel sequence worked out by hand, its shapes, weights,
 * refusals and config. (Keras's own predictions for every option: {@link ConvPoolingKerasTest}.)
 */
class Conv1DTest {

  /**
   * x = [1, 2, 3], kernel taps [1, 10] (one channel, one filter), bias 0.5: output step t is
   * 1 * x[t*s + 0*d - before] + 10 * x[t*s + 1*d - before] + 0.5, with x = 0 outside [0, 3).
   */
  @ParameterizedTest(name = "{0}, strides {1}, dilation {2}")
  @CsvSource(delimiter = ';', value = {
      // 1*1 + 10*2, 1*2 + 10*3
      "VALID; 1; 1; 21.5, 32.5",
      // total padding 1, none before (the extra step goes at the end): ..., 1*3 + 10*0
      "SAME; 1; 1; 21.5, 32.5, 3.5",
      // one step of zeros before: 1*0 + 10*1, ...
      "CAUSAL; 1; 1; 10.5, 21.5, 32.5",
      // two steps of zeros before, taps 2 apart: 10*1, 10*2, 1*1 + 10*3
      "CAUSAL; 1; 2; 10.5, 20.5, 31.5",
      // taps 2 apart: only 1*1 + 10*3 fits
      "VALID; 1; 2; 31.5",
      // 2 outputs, total padding 1, at the end: 1*1 + 10*2, 1*3 + 10*0
      "SAME; 2; 1; 21.5, 3.5",
      // causal windows at steps 0 and 2: 1*0 + 10*1, 1*2 + 10*3
      "CAUSAL; 2; 1; 10.5, 32.5"})
  void slidesTheKernelAsWorkedOutByHand(Padding padding, int strides, int dilation,
      String expected) {
    Conv1D conv = new Conv1D("c", 1, 2, strides, padding, dilation, Activation.LINEAR, true);
    float[] out = run(conv, new float[] {1, 2, 3}, new float[] {1, 10}, new float[] {0.5f});
    assertArrayEquals(floats(expected), out, 1e-6f);
  }

  /** An even kernel with 'same' padding: of 3 steps of padding, 1 goes before and 2 after. */
  @Test
  void sameWithAnEvenKernelPadsMoreAtTheEnd() {
    Conv1D conv = new Conv1D("c", 1, 4, 1, Padding.SAME, 1, Activation.LINEAR, false);
    // taps [1, 10, 100, 1000] over [0, x0, x1, x2] then [x0, x1, x2, 0], ...
    float[] out = run(conv, new float[] {1, 2, 3}, new float[] {1, 10, 100, 1000}, null);
    assertArrayEquals(new float[] {3210, 321, 32}, out, 1e-3f);
  }

  /** relu after the bias: negative sums become 0. */
  @Test
  void appliesTheActivationAfterTheBias() {
    Conv1D conv = new Conv1D("c", 1, 1, 1, Padding.VALID, 1, Activation.RELU, true);
    float[] out = run(conv, new float[] {1, -2, 3}, new float[] {1}, new float[] {-1.5f});
    assertArrayEquals(new float[] {0, 0, 1.5f}, out, 1e-6f);
  }

  @Test
  void shapesFollowKerasIncludingOpenLengths() {
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 8, 4), new Conv1D(4, 3, Activation.LINEAR)
        .outputShape(Shape.of(-1, 10, 3)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 10, 4), new Conv1D(4, 3, Padding.SAME, Activation.LINEAR)
        .outputShape(Shape.of(-1, 10, 3)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 4, 2), new Conv1D(null, 2, 3, 3, Padding.CAUSAL, 1,
        Activation.LINEAR, true).outputShape(Shape.of(-1, 10, 3)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 6, 2), new Conv1D(null, 2, 3, 1, Padding.VALID, 2,
        Activation.LINEAR, true).outputShape(Shape.of(-1, 10, 3)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, -1, 4), new Conv1D(4, 3, Activation.LINEAR)
        .outputShape(Shape.of(-1, -1, 3)));
  }

  @Test
  void refusesWhatKerasRefuses() {
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> new Conv1D("c", 2, 3, 2, Padding.VALID, 2, Activation.LINEAR, true));
    assertTrue(both.getMessage().contains("strides > 1")
        && both.getMessage().contains("dilation_rate > 1"), both.getMessage());
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> new Conv1D(4, 5, Activation.LINEAR).outputShape(Shape.of(-1, 4, 3)));
    assertTrue(tooShort.getMessage().contains("at least 5 time steps"), tooShort.getMessage());
    IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
        () -> new Conv1D(4, 3, Activation.LINEAR).outputShape(Shape.of(-1, 3)));
    assertTrue(flat.getMessage().contains("[batch, time, channels]"), flat.getMessage());
    for (int bad : new int[] {0, -1}) {
      assertThrows(IllegalArgumentException.class, () -> new Conv1D(bad, 3, Activation.LINEAR));
      assertThrows(IllegalArgumentException.class, () -> new Conv1D(2, bad, Activation.LINEAR));
    }
  }

  /** Kernel [kernel_size, channels, filters] (glorot_uniform), bias [filters]: Keras's counts. */
  @Test
  void weightsAndParameterCountsAreKeras() {
    Conv1D conv = new Conv1D(4, 3, Activation.RELU);
    List<WeightSpec> specs = conv.weightSpecs(Shape.of(-1, 10, 3));
    assertEquals("[kernel[3, 3, 4], bias[4]]", specs.toString());
    assertEquals(40, conv.paramCount(Shape.of(-1, 10, 3)));
    Conv1D noBias = new Conv1D("c", 4, 3, 1, Padding.VALID, 1, Activation.LINEAR, false);
    assertEquals(36, noBias.paramCount(Shape.of(-1, 10, 3)));
    // glorot_uniform's fans of a conv kernel count the receptive field: 3*3 in, 3*4 out.
    float limit = (float) Math.sqrt(6.0 / (9 + 12));
    float[] kernel = specs.get(0).initializer().initialize(specs.get(0).shape(),
        new java.util.SplittableRandom(1));
    float max = 0;
    for (float v : kernel) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= limit && max > 0.8f * limit, "kernel within glorot's limit " + limit);
  }

  /** Keras's Conv1D does not support masking: the mask stops at the layer. */
  @Test
  void dropsTheMask() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      assertNull(new Conv1D(2, 3, Padding.SAME, Activation.LINEAR).outputMask(tf,
          tf.zeros(tf.constant(new int[] {2, 5, 3}), TFloat32.class),
          tf.ones(tf.constant(new int[] {2, 5}), TFloat32.class), Shape.of(-1, 5, 3),
          SequenceLayout.BATCH_MAJOR));
    }
  }

  @Test
  void kerasConfigIsKerasAndRebuildsTheLayer() {
    Conv1D conv = new Conv1D("conv1d", 4, 3, 1, Padding.CAUSAL, 2, Activation.TANH, false);
    Map<String, Object> config = conv.kerasConfig();
    assertEquals(List.of(3), config.get("kernel_size"));
    assertEquals(List.of(2), config.get("dilation_rate"));
    assertEquals("causal", config.get("padding"));
    assertEquals(1, config.get("groups"));
    assertEquals("channels_last", config.get("data_format"));
    assertEquals(conv, LayerFactory.fromKerasConfig("Conv1D", config));
  }

  /** One sequence of one channel through {@code conv} with these kernel taps and bias. */
  private static float[] run(Conv1D conv, float[] x, float[] taps, float[] bias) {
    return ConvPoolingKerasTest.run(conv, x, 1, x.length, Shape.of(-1, x.length, 1),
        spec -> spec.name().equals("bias") ? bias : taps);
  }

  private static float[] floats(String csv) {
    String[] parts = csv.split(",");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Float.parseFloat(parts[i].trim());
    }
    return out;
  }
}
