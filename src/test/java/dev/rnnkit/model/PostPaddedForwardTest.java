package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.RecurrentOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A masked LSTM over post-padded ids (padding only after each sequence, one row all padding)
 * computes the same on the fused kernel with lengths as unrolled step by step with the mask,
 * for every direction and output, and with zero_output_for_mask.
 */
class PostPaddedForwardTest {

  private static final int[][] IDS = {
    {4, 7, 11, 0, 0, 0}, {3, 3, 9, 2, 5, 6}, {10, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};

  static Stream<Arguments> lstms() {
    RecurrentOptions back = RecurrentOptions.DEFAULTS.withGoBackwards(true);
    RecurrentOptions zero = RecurrentOptions.DEFAULTS.withZeroOutputForMask(true);
    return Stream.of(
        Arguments.of("forward last", new LSTM(null, 3, false, true)),
        Arguments.of("forward sequences", new LSTM(null, 3, true, true)),
        Arguments.of("backward last", new LSTM(null, 3, false, true, back)),
        Arguments.of("backward sequences", new LSTM(null, 3, true, true, back)),
        Arguments.of("forward sequences zero output", new LSTM(null, 3, true, true, zero)),
        Arguments.of("backward sequences zero output",
            new LSTM(null, 3, true, true, back.withZeroOutputForMask(true))));
  }

  static Stream<Arguments> bidirectional() {
    return Stream.of(
        Arguments.of("bidirectional last", new Bidirectional(new LSTM(3, false))),
        Arguments.of("bidirectional sequences",
            new Bidirectional(new LSTM(3, true), Bidirectional.MergeMode.SUM)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"lstms", "bidirectional"})
  void fusedWithLengthsEqualsUnrolledWithTheMask(String label, Layer lstm) {
    Sequential arch = Sequential.of(InputSpec.tokens(6), new Embedding(null, 12, 4, true), lstm,
        new Dense(2, Activation.TANH));
    float[] general = run(arch, false, label);
    float[] fused = run(arch, true, label);
    assertEquals(general.length, fused.length);
    for (int i = 0; i < general.length; i++) {
      assertEquals(general[i], fused[i], 1e-6, label + " output " + i);
    }
  }

  private static float[] run(Sequential arch, boolean postPadded, String label) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      SplittableRandom random = new SplittableRandom(9);
      for (Sequential.NamedWeightSpec spec : arch.weightSpecs()) {
        long[] shape = spec.spec().shape();
        float[] values = new float[(int) Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextDouble(-0.7, 0.7);
        }
        weights.put(spec.name(), tf.constant(Shape.of(shape), DataBuffers.of(values)));
      }
      int[] flat = Stream.of(IDS).flatMapToInt(java.util.Arrays::stream).toArray();
      Operand<TInt32> ids = tf.constant(Shape.of(IDS.length, IDS[0].length), DataBuffers.of(flat));
      Operand<TFloat32> out =
          arch.forward(tf, ids, (layer, w) -> weights.get(layer + "/" + w), postPadded).output();
      List<String> types = new java.util.ArrayList<>();
      graph.operations().forEachRemaining(op -> types.add(((GraphOperation) op).type()));
      if (postPadded) {
        assertTrue(types.contains("BlockLSTMV2"), label + ": fused kernel");
      } else {
        assertFalse(types.contains("BlockLSTMV2"), label + ": unrolled");
      }
      try (TFloat32 result = (TFloat32) session.runner().fetch(out).run().get(0)) {
        float[] values = new float[(int) result.size()];
        result.copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }
  }
}
