package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written backward passes against TensorFlow's automatic gradient of the statically
 * unrolled forward graph, every element of the input and weight gradients. 12 steps give the
 * chunked weight-gradient MatMuls full and partial chunks; 5 steps one full chunk; 1 step no
 * recursion at all.
 */
class HandWrittenGradientTest {

  private static final int BATCH = 4;
  private static final int FEATURES = 3;
  private static final int UNITS = 5;
  private static final List<String> WEIGHTS = List.of("kernel", "recurrent_kernel", "bias");

  @ParameterizedTest(name = "return_sequences={0}, {1} steps, {2}")
  @CsvSource({"true, 12, BATCH_MAJOR", "true, 12, TIME_MAJOR", "false, 12, BATCH_MAJOR",
      "false, 12, TIME_MAJOR", "true, 1, BATCH_MAJOR", "false, 5, TIME_MAJOR"})
  void gruBackwardEqualsTensorFlowsAutomaticGradient(boolean returnSequences, int steps, SequenceLayout layout) {
    GRU gru = new GRU("gru", UNITS, returnSequences, true);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Fixture f = new Fixture(tf, returnSequences, steps, 3, new long[] {2, 3 * UNITS});
      // The pass takes and gives sequences in its layout; the reference is batch-major.
      ExplicitGradient.Pass pass = gru.forwardPass(tf, layout.fromBatchMajor(tf, f.input), f.inputShape(),
          f.weights::get, layout);
      ExplicitGradient.Backward manual = pass.backward(tf,
          returnSequences ? layout.fromBatchMajor(tf, f.outputGradient) : f.outputGradient);
      List<String> compared = reachable(steps);
      List<Operand<?>> handWritten = new ArrayList<>(List.of(layout.toBatchMajor(tf, manual.inputGradient())));
      compared.forEach(n -> handWritten.add(manual.weights().get(n).dense()));
      // gru.call builds the same unrolled forward; TensorFlow differentiates it op by op.
      assertSame(session, f.automatic(tf, gru.call(tf, f.input, f.inputShape(), f.weights::get), compared),
          handWritten, compared);
      if (steps == 1) {
        assertAllZero(session, manual.weights().get("recurrent_kernel").dense());
      }
    }
  }

  @ParameterizedTest(name = "return_sequences={0}, {1} steps, {2}")
  @CsvSource({"true, 12, BATCH_MAJOR", "true, 12, TIME_MAJOR", "false, 12, BATCH_MAJOR",
      "true, 1, TIME_MAJOR", "false, 5, BATCH_MAJOR"})
  void fusedLstmGradientEqualsTheUnrolledGraphs(boolean returnSequences, int steps, SequenceLayout layout) {
    LSTM fused = new LSTM("lstm", UNITS, returnSequences, true);
    LSTM unrolled = new LSTM("lstm", UNITS, returnSequences, false);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Fixture f = new Fixture(tf, returnSequences, steps, 4, new long[] {4 * UNITS});
      List<String> compared = reachable(steps);
      Operand<TFloat32> fusedOutput =
          fused.call(tf, layout.fromBatchMajor(tf, f.input), f.inputShape(), f.weights::get, layout);
      List<Operand<?>> viaFused = f.automatic(tf,
          returnSequences ? layout.toBatchMajor(tf, fusedOutput) : fusedOutput, compared);
      List<Operand<?>> viaUnrolled =
          f.automatic(tf, unrolled.call(tf, f.input, f.inputShape(), f.weights::get), compared);
      assertSame(session, viaUnrolled, viaFused, compared);
    }
  }

  /** Random input, weights and output gradient as constants. */
  private static final class Fixture {
    final Operand<TFloat32> input;
    final Map<String, Operand<TFloat32>> weights;
    final Operand<TFloat32> outputGradient;
    private final SplittableRandom random;
    private final int steps;

    Fixture(Ops tf, boolean returnSequences, int steps, int gates, long[] biasShape) {
      this.steps = steps;
      random = new SplittableRandom(returnSequences ? steps : -steps);
      input = constant(tf, BATCH, steps, FEATURES);
      weights = Map.of(
          "kernel", constant(tf, FEATURES, (long) gates * UNITS),
          "recurrent_kernel", constant(tf, UNITS, (long) gates * UNITS),
          "bias", constant(tf, biasShape));
      outputGradient = returnSequences ? constant(tf, BATCH, steps, UNITS) : constant(tf, BATCH, UNITS);
    }

    Shape inputShape() {
      return Shape.of(-1, steps, FEATURES);
    }

    /** TensorFlow's gradients of <output, outputGradient>: input first, then the named weights. */
    List<Operand<?>> automatic(Ops tf, Operand<TFloat32> output, List<String> names) {
      Operand<TFloat32> product = tf.math.mul(output, outputGradient);
      Operand<TFloat32> scalar =
          tf.reduceSum(product, tf.range(tf.constant(0), tf.rank(product), tf.constant(1)));
      List<Operand<?>> xs = new ArrayList<>(List.of(input));
      names.forEach(n -> xs.add(weights.get(n)));
      List<Operand<?>> gradients = new ArrayList<>();
      tf.gradients(scalar, xs).forEach(gradients::add);
      return gradients;
    }

    private Operand<TFloat32> constant(Ops tf, long... shape) {
      Shape s = Shape.of(shape);
      float[] values = new float[(int) s.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-1, 1);
      }
      return tf.constant(s, DataBuffers.of(values, true, false));
    }
  }

  /**
   * The weights the unrolled reference reaches: with one step the recurrent kernel meets only the
   * zero initial state, which the unrolled graph skips, so TensorFlow has no gradient for it.
   */
  private static List<String> reachable(int steps) {
    return steps == 1 ? List.of("kernel", "bias") : WEIGHTS;
  }

  private static void assertAllZero(Session session, Operand<?> gradient) {
    try (Result result = session.runner().fetch(gradient).run()) {
      for (float v : values((TFloat32) result.get(0))) {
        assertEquals(0f, v);
      }
    }
  }

  private static void assertSame(Session session, List<Operand<?>> expected, List<Operand<?>> actual,
      List<String> names) {
    Session.Runner runner = session.runner();
    expected.forEach(runner::fetch);
    actual.forEach(runner::fetch);
    try (Result result = runner.run()) {
      for (int k = 0; k < expected.size(); k++) {
        float[] want = values((TFloat32) result.get(k));
        float[] got = values((TFloat32) result.get(k + expected.size()));
        assertEquals(want.length, got.length);
        String what = k == 0 ? "input" : names.get(k - 1);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], 1e-5 + 1e-5 * Math.abs(want[i]), what + "[" + i + "]");
        }
      }
    }
  }

  private static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
