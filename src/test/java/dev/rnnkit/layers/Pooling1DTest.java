package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MaxPooling1D and AveragePooling1D on x = [1, 5, 2, 4, 6] worked out by hand, their shapes,
 * refusals and configs. (Keras's own predictions: {@link ConvPoolingKerasTest}.)
 */
class Pooling1DTest {

  private static final float[] X = {1, 5, 2, 4, 6};

  static Stream<Arguments> handWorked() {
    return Stream.of(
        Arguments.of(new MaxPooling1D(2), new float[] {5, 4}),
        Arguments.of(new MaxPooling1D("p", 2, 1, Padding.VALID), new float[] {5, 5, 4, 6}),
        // 3 windows, 2 steps of padding, one on each side: [-, 1, 5], [5, 2, 4], [4, 6, -]
        Arguments.of(new MaxPooling1D("p", 3, 2, Padding.SAME), new float[] {5, 5, 6}),
        Arguments.of(new AveragePooling1D(2), new float[] {3, 3}),
        Arguments.of(new AveragePooling1D("p", 3, 1, Padding.VALID),
            new float[] {8f / 3, 11f / 3, 4}),
        // 3 windows, 1 step of padding, at the end: the last window holds 6 alone, and the
        // padding does not count: 6 / 1 (counting it would give 3).
        Arguments.of(new AveragePooling1D("p", 2, 2, Padding.SAME), new float[] {3, 3, 6}),
        // 3 steps of padding, 1 before and 2 after: [-, 1, 5, 2] is 8 / 3, [4, 6, -, -] 10 / 2.
        // (Keras's numpy and TensorFlow backends; its torch backend pads an uneven split by
        // repeating the edge step, which counts it: see docs/keras-compatibility.md.)
        Arguments.of(new AveragePooling1D("p", 4, 1, Padding.SAME),
            new float[] {8f / 3, 3, 4.25f, 4, 5}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handWorked")
  void poolsAsWorkedOutByHand(Pooling1D pooling, float[] expected) {
    float[] out = ConvPoolingKerasTest.run(pooling, X, 1, X.length, Shape.of(-1, X.length, 1));
    assertArrayEquals(expected, out, 1e-6f, pooling.toString());
    assertEquals(expected.length, pooling.outputShape(Shape.of(-1, X.length, 1)).get(1));
  }

  /** Each feature is pooled on its own. */
  @Test
  void poolsEachFeatureOnItsOwn() {
    float[] x = {1, -1, 5, -5, 2, -2, 4, -4};
    float[] out = ConvPoolingKerasTest.run(new MaxPooling1D(2), x, 1, 4, Shape.of(-1, 4, 2));
    assertArrayEquals(new float[] {5, -1, 4, -2}, out);
  }

  @Test
  void stridesDefaultToThePoolSizeAndShapesFollowKeras() {
    assertEquals(new MaxPooling1D(null, 2, 2, Padding.VALID), new MaxPooling1D());
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 5, 4), new MaxPooling1D().outputShape(Shape.of(-1, 10, 4)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 3, 4), new AveragePooling1D(3).outputShape(Shape.of(-1, 10, 4)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, 4, 4), new AveragePooling1D(null, 3, 3, Padding.SAME)
        .outputShape(Shape.of(-1, 10, 4)));
    ConvPoolingKerasTest.assertShape(Shape.of(-1, -1, 4), new MaxPooling1D().outputShape(Shape.of(-1, -1, 4)));
  }

  @Test
  void refusesWhatKerasRefuses() {
    assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D(0));
    assertThrows(IllegalArgumentException.class,
        () -> new AveragePooling1D("p", 2, 0, Padding.VALID));
    IllegalArgumentException causal = assertThrows(IllegalArgumentException.class,
        () -> new MaxPooling1D("p", 2, 2, Padding.CAUSAL));
    assertTrue(causal.getMessage().contains("'causal' is Conv1D's only"), causal.getMessage());
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> new MaxPooling1D(4).outputShape(Shape.of(-1, 3, 2)));
    assertTrue(tooShort.getMessage().contains("at least 4 time steps"), tooShort.getMessage());
    // Keras's pooling takes 'valid' and 'same' as written; Conv1D lower-cases its padding.
    assertThrows(IllegalArgumentException.class,
        () -> Padding.fromKerasName("SAME", "MaxPooling1D 'p'", false));
    assertEquals(Padding.SAME, Padding.fromKerasName("SAME", "Conv1D 'c'", true));
  }

  @Test
  void dropsTheMaskAndHasNoWeights() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      for (Pooling1D pooling : List.of(new MaxPooling1D(), new AveragePooling1D(2))) {
        assertNull(pooling.outputMask(tf,
            tf.zeros(tf.constant(new int[] {2, 4, 3}), TFloat32.class),
            tf.ones(tf.constant(new int[] {2, 4}), TFloat32.class), Shape.of(-1, 4, 3),
            SequenceLayout.BATCH_MAJOR));
        assertEquals(List.of(), pooling.weightSpecs(Shape.of(-1, 4, 3)));
      }
    }
  }

  @Test
  void kerasConfigIsKerasAndRebuildsTheLayer() {
    AveragePooling1D pooling = new AveragePooling1D("average_pooling1d", 3, 1, Padding.SAME);
    Map<String, Object> config = pooling.kerasConfig();
    assertEquals(Map.of("name", "average_pooling1d", "pool_size", List.of(3), "padding", "same",
        "strides", List.of(1), "data_format", "channels_last"), config);
    assertEquals(pooling, LayerFactory.fromKerasConfig("AveragePooling1D", config));
    // Keras's strides=None: the pool size.
    assertEquals(new MaxPooling1D(null, 3, 3, Padding.VALID),
        LayerFactory.fromKerasConfig("MaxPooling1D", Map.of("pool_size", 3)));
  }
}
