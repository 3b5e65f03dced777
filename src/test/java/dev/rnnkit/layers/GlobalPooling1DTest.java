package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** What Keras's two global 1D poolings share: shapes, no weights, the mask consumed, config. */
class GlobalPooling1DTest {

  /**
   * Two sequences with all-zero steps, which Masking(0.0) masks: at the start and end of the
   * first, inside the second. The pooling tests' expected values are Keras 3.15.1's predictions
   * for {@code Sequential([Input((4, 2)), Masking(0.0), Global...Pooling1D()])} on them.
   */
  static final float[][][] MASKED_INPUT = {
    {{0, 0}, {1, -2}, {3, 0.5f}, {0, 0}},
    {{0.5f, -1}, {0, 0}, {-2, -3}, {-1, -4}}};

  static Stream<GlobalPooling1D> poolings() {
    return Stream.of(new GlobalMaxPooling1D("pool"), new GlobalAveragePooling1D("pool"));
  }

  /** A model's predictions for {@code x} ([batch][time][features]) with the given weights. */
  static float[][] predict(Sequential architecture, float[][][] x, List<Weight> weights) {
    try (Model model = Model.compile(architecture, 3)) {
      model.setWeights(weights);
      return model.predict(SequenceData.ofFeatures(x, null), x.length);
    }
  }

  /**
   * {@code pooling} built on {@code x} ([batch][time][features]) laid out as {@code layout},
   * after Masking(0.0) if {@code masked}: [batch][features]. (A model needs weights to compile,
   * so weightless layers are built on their own.)
   */
  static float[][] pool(GlobalPooling1D pooling, float[][][] x, boolean masked,
      SequenceLayout layout) {
    int batch = x.length;
    int features = x[0][0].length;
    Shape shape = Shape.of(-1, x[0].length, features);
    float[] flat = new float[batch * x[0].length * features];
    for (int s = 0, i = 0; s < batch; s++) {
      for (float[] step : x[s]) {
        for (float v : step) {
          flat[i++] = v;
        }
      }
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> input = layout.fromBatchMajor(tf,
          tf.constant(Shape.of(batch, x[0].length, features), DataBuffers.of(flat, true, false)));
      Operand<TFloat32> mask = masked
          ? new Masking(0f).outputMask(tf, input, null, shape, layout) : null;
      Operand<TFloat32> output = pooling.call(tf, input, shape, w -> null, layout, mask);
      try (Result result = session.runner().fetch(output).run()) {
        TFloat32 values = (TFloat32) result.get(0);
        float[][] rows = new float[batch][features];
        for (int s = 0; s < batch; s++) {
          for (int f = 0; f < features; f++) {
            rows[s][f] = values.getFloat(s, f);
          }
        }
        return rows;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("poolings")
  void poolsTimeAwayAndHasNoWeights(GlobalPooling1D pooling) {
    assertArrayEquals(new long[] {-1, 5}, pooling.outputShape(Shape.of(-1, 7, 5)).asArray());
    assertArrayEquals(new long[] {-1, 5}, pooling.outputShape(Shape.of(-1, -1, 5)).asArray());
    assertEquals(List.of(), pooling.weightSpecs(Shape.of(-1, 7, 5)));
    assertTrue(pooling.acceptsTimeMajor());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pooling.outputShape(Shape.of(-1, 5)));
    assertTrue(e.getMessage().contains("return_sequences=True"), e.getMessage());
  }

  /** The pooled output has no time steps: the mask stops there, as Keras's compute_mask says. */
  @ParameterizedTest
  @MethodSource("poolings")
  void consumesTheMask(GlobalPooling1D pooling) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      assertNull(pooling.outputMask(tf, tf.zeros(tf.constant(new int[] {2, 3, 4}), TFloat32.class),
          tf.ones(tf.constant(new int[] {2, 3}), TFloat32.class), Shape.of(-1, 3, 4),
          SequenceLayout.BATCH_MAJOR));
    }
  }

  /** Keras 3 writes data_format and keepdims; the factory rebuilds the same layer. */
  @ParameterizedTest
  @MethodSource("poolings")
  void kerasConfigRoundTrips(GlobalPooling1D pooling) {
    Map<String, Object> config = pooling.kerasConfig();
    assertEquals(Map.of("name", "pool", "data_format", "channels_last", "keepdims", false), config);
    assertEquals(pooling, LayerFactory.fromKerasConfig(pooling.kerasClassName(), config));
    assertEquals(pooling.kerasClassName().replace("Global", "global_").replace("Pooling",
        "_pooling").toLowerCase(java.util.Locale.ROOT), pooling.defaultNamePrefix());
  }
}
