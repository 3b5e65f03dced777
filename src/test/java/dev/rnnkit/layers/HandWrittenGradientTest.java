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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written backward passes against TensorFlow's automatic gradient of the statically
 * unrolled forward graph, every element of the input and weight gradients. 12 steps, so the
 * chunked weight-gradient MatMuls see full and partial chunks.
 */
class HandWrittenGradientTest {

  private static final int BATCH = 4;
  private static final int STEPS = 12;
  private static final int FEATURES = 3;
  private static final int UNITS = 5;
  private static final List<String> WEIGHTS = List.of("kernel", "recurrent_kernel", "bias");

  @ParameterizedTest(name = "return_sequences={0}")
  @ValueSource(booleans = {true, false})
  void gruBackwardEqualsTensorFlowsAutomaticGradient(boolean returnSequences) {
    GRU gru = new GRU("gru", UNITS, returnSequences, true);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Fixture f = new Fixture(tf, returnSequences, 3, new long[] {2, 3 * UNITS});
      ExplicitGradient.Pass pass = gru.forwardPass(tf, f.input, f.inputShape(), f.weights::get);
      ExplicitGradient.Backward manual = pass.backward(tf, f.outputGradient);
      List<Operand<?>> handWritten = new ArrayList<>(List.of(manual.inputGradient()));
      WEIGHTS.forEach(n -> handWritten.add(manual.weights().get(n).dense()));
      // gru.call builds the same unrolled forward; TensorFlow differentiates it op by op.
      assertSame(session, f.automatic(tf, gru.call(tf, f.input, f.inputShape(), f.weights::get)), handWritten);
    }
  }

  @ParameterizedTest(name = "return_sequences={0}")
  @ValueSource(booleans = {true, false})
  void fusedLstmGradientEqualsTheUnrolledGraphs(boolean returnSequences) {
    LSTM fused = new LSTM("lstm", UNITS, returnSequences, true);
    LSTM unrolled = new LSTM("lstm", UNITS, returnSequences, false);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Fixture f = new Fixture(tf, returnSequences, 4, new long[] {4 * UNITS});
      List<Operand<?>> viaFused = f.automatic(tf, fused.call(tf, f.input, f.inputShape(), f.weights::get));
      List<Operand<?>> viaUnrolled = f.automatic(tf, unrolled.call(tf, f.input, f.inputShape(), f.weights::get));
      assertSame(session, viaUnrolled, viaFused);
    }
  }

  /** Random input, weights and output gradient as constants. */
  private static final class Fixture {
    final Operand<TFloat32> input;
    final Map<String, Operand<TFloat32>> weights;
    final Operand<TFloat32> outputGradient;
    private final SplittableRandom random;

    Fixture(Ops tf, boolean returnSequences, int gates, long[] biasShape) {
      random = new SplittableRandom(returnSequences ? 1 : 2);
      input = constant(tf, BATCH, STEPS, FEATURES);
      weights = Map.of(
          "kernel", constant(tf, FEATURES, (long) gates * UNITS),
          "recurrent_kernel", constant(tf, UNITS, (long) gates * UNITS),
          "bias", constant(tf, biasShape));
      outputGradient = returnSequences ? constant(tf, BATCH, STEPS, UNITS) : constant(tf, BATCH, UNITS);
    }

    Shape inputShape() {
      return Shape.of(-1, STEPS, FEATURES);
    }

    /** TensorFlow's gradients of <output, outputGradient>: input first, then the weights. */
    List<Operand<?>> automatic(Ops tf, Operand<TFloat32> output) {
      Operand<TFloat32> product = tf.math.mul(output, outputGradient);
      Operand<TFloat32> scalar =
          tf.reduceSum(product, tf.range(tf.constant(0), tf.rank(product), tf.constant(1)));
      List<Operand<?>> xs = new ArrayList<>(List.of(input));
      WEIGHTS.forEach(n -> xs.add(weights.get(n)));
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

  private static void assertSame(Session session, List<Operand<?>> expected, List<Operand<?>> actual) {
    Session.Runner runner = session.runner();
    expected.forEach(runner::fetch);
    actual.forEach(runner::fetch);
    try (Result result = runner.run()) {
      for (int k = 0; k < expected.size(); k++) {
        float[] want = values((TFloat32) result.get(k));
        float[] got = values((TFloat32) result.get(k + expected.size()));
        assertEquals(want.length, got.length);
        String what = k == 0 ? "input" : WEIGHTS.get(k - 1);
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
