package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.Shape;

/**
 * SimpleRNN against its Keras formula {@code h = activation(x W + b + h_prev U)}, computed here
 * in double precision, with Keras's RNN rules for go_backwards and masked steps.
 */
class SimpleRNNTest {

  private static final double TOLERANCE = 1e-5;
  private static final int BATCH = 3;
  private static final int TIME = 5;
  private static final int FEATURES = 3;
  private static final int UNITS = 4;

  private final SplittableRandom random = new SplittableRandom(17);

  @ParameterizedTest(name = "return_sequences={0} go_backwards={1} use_bias={2} {3}")
  @CsvSource({
    "true,false,true,TANH", "false,false,true,TANH", "true,true,true,TANH", "false,true,false,TANH",
    "true,false,false,RELU", "false,true,true,SOFTSIGN", "true,true,false,LINEAR"})
  void matchesTheKerasFormula(boolean sequences, boolean backwards, boolean useBias,
      Activation activation) {
    RecurrentOptions options = RecurrentOptions.DEFAULTS.withGoBackwards(backwards)
        .withUseBias(useBias).withActivation(activation);
    SimpleRNN rnn = new SimpleRNN("simple_rnn", UNITS, sequences, options);
    float[][][] x = inputs(new boolean[BATCH][TIME]);
    check(Sequential.of(InputSpec.features(TIME, FEATURES), rnn), x, null);
  }

  /**
   * Masked steps (rows of zeros after Masking) keep the state, and a sequence output repeats the
   * last output there, 0 before the first real step, as in Keras (also read backwards).
   */
  @ParameterizedTest(name = "return_sequences={0} go_backwards={1}")
  @CsvSource({"true,false", "false,false", "true,true", "false,true"})
  void maskedStepsCarryTheState(boolean sequences, boolean backwards) {
    boolean[][] masked = {
      {true, false, false, true, true}, {false, false, true, false, false},
      {true, true, true, true, true}};
    SimpleRNN rnn = new SimpleRNN("simple_rnn", UNITS, sequences,
        RecurrentOptions.DEFAULTS.withGoBackwards(backwards));
    float[][][] x = inputs(masked);
    check(Sequential.of(InputSpec.features(TIME, FEATURES), new Masking(0f), rnn), x, masked);
  }

  @Test
  void weightsAreKerasSimpleRnnCells() {
    Shape input = Shape.of(-1, TIME, FEATURES);
    List<WeightSpec> specs = new SimpleRNN(UNITS, false).weightSpecs(input);
    assertEquals(List.of("kernel", "recurrent_kernel", "bias"),
        specs.stream().map(WeightSpec::name).toList());
    assertArrayEquals(new long[] {FEATURES, UNITS}, specs.get(0).shape());
    assertArrayEquals(new long[] {UNITS, UNITS}, specs.get(1).shape());
    assertArrayEquals(new long[] {UNITS}, specs.get(2).shape());
    assertEquals(2, new SimpleRNN(null, UNITS, false, RecurrentOptions.DEFAULTS.withUseBias(false))
        .weightSpecs(input).size());
    assertEquals((FEATURES + UNITS + 1) * UNITS, new SimpleRNN(UNITS, true).paramCount(input));
  }

  /** Keras 3 writes these keys for a SimpleRNN; recurrent_activation is not one of them. */
  @Test
  void kerasConfigRoundTripsThroughTheFactory() {
    SimpleRNN rnn = new SimpleRNN("rnn", 6, true,
        RecurrentOptions.DEFAULTS.withGoBackwards(true).withUseBias(false)
            .withActivation(Activation.RELU));
    Map<String, Object> config = rnn.kerasConfig();
    assertFalse(config.containsKey("recurrent_activation"), config.toString());
    assertEquals("relu", config.get("activation"));
    assertEquals(6, config.get("units"));
    Layer rebuilt = LayerFactory.fromKerasConfig("SimpleRNN", config);
    assertEquals(config, rebuilt.kerasConfig());
    assertEquals(rnn.options(), ((SimpleRNN) rebuilt).options());
  }

  private void check(Sequential arch, float[][][] x, boolean[][] masked) {
    SimpleRNN rnn = (SimpleRNN) arch.layers().get(arch.layers().size() - 1);
    boolean bias = rnn.options().useBias();
    float[] kernel = values(FEATURES * UNITS, 0.7);
    float[] recurrent = values(UNITS * UNITS, 0.7);
    float[] b = values(UNITS, 0.5);
    List<Weight> weights = new ArrayList<>(List.of(
        new Weight("simple_rnn/kernel", new long[] {FEATURES, UNITS}, kernel),
        new Weight("simple_rnn/recurrent_kernel", new long[] {UNITS, UNITS}, recurrent)));
    if (bias) {
      weights.add(new Weight("simple_rnn/bias", new long[] {UNITS}, b));
    }
    float[][] out;
    try (Model model = Model.compile(arch, 1)) {
      model.setWeights(weights);
      out = model.predict(SequenceData.ofFeatures(x, null), 2);
    }
    for (int s = 0; s < BATCH; s++) {
      double[][] expected = reference(x[s], masked == null ? new boolean[TIME] : masked[s],
          Reference.matrix(kernel, FEATURES, UNITS), Reference.matrix(recurrent, UNITS, UNITS),
          bias ? Reference.vector(b) : new double[UNITS], rnn.options());
      int first = rnn.returnSequences() ? 0 : TIME - 1;
      for (int t = first; t < TIME; t++) {
        for (int k = 0; k < UNITS; k++) {
          assertEquals(expected[t][k], out[s][(t - first) * UNITS + k], TOLERANCE,
              "sample " + s + " output step " + t + " unit " + k);
        }
      }
    }
  }

  /** Outputs in processing order; a masked step keeps the state and repeats the output. */
  private static double[][] reference(float[][] x, boolean[] masked, double[][] kernel,
      double[][] recurrent, double[] bias, RecurrentOptions options) {
    DoubleUnaryOperator activation = switch (options.activation()) {
      case TANH -> Math::tanh;
      case RELU -> v -> Math.max(0, v);
      case SOFTSIGN -> v -> v / (1 + Math.abs(v));
      case LINEAR -> v -> v;
      default -> throw new IllegalArgumentException(options.activation().toString());
    };
    double[] h = new double[UNITS];
    double[][] out = new double[TIME][];
    for (int k = 0; k < TIME; k++) {
      int t = options.goBackwards() ? TIME - 1 - k : k;
      if (!masked[t]) {
        double[] zx = Reference.matVec(Reference.vector(x[t]), kernel);
        double[] zh = Reference.matVec(h, recurrent);
        double[] next = new double[UNITS];
        for (int u = 0; u < UNITS; u++) {
          next[u] = activation.applyAsDouble(zx[u] + bias[u] + zh[u]);
        }
        h = next;
      }
      out[k] = h;
    }
    return out;
  }

  /** Random inputs, with all-zero rows (what Masking(0.0) masks) where {@code masked}. */
  private float[][][] inputs(boolean[][] masked) {
    float[][][] x = new float[BATCH][TIME][];
    for (int s = 0; s < BATCH; s++) {
      for (int t = 0; t < TIME; t++) {
        x[s][t] = masked[s][t] ? new float[FEATURES] : values(FEATURES, 1.5);
      }
    }
    return x;
  }

  private float[] values(int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }
}
