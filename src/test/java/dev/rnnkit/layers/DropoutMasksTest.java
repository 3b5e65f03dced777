package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The masks of Dropout, SpatialDropout1D and the recurrent layers' dropout and
 * recurrent_dropout, run as a training graph runs them: kept with probability 1-rate and scaled
 * by exactly 1/(1-rate), drawn again per step and per seed, and the identity when the training
 * flag is not fed.
 */
class DropoutMasksTest {

  private static final int BATCH = 40;
  private static final int TIME = 6;
  private static final int WIDTH = 50;

  /** Runs {@code build} on {@code x} with the noise of (seed, step) fed, or with none (inference). */
  private static float[][][] run(float[][][] x, Long step, long seed,
      java.util.function.BiFunction<Ops, Operand<TFloat32>, Map.Entry<Noise, Operand<TFloat32>>> build) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 input = TFloat32.tensorOf(StdArrays.ndCopyOf(x))) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.placeholder(TFloat32.class);
      Map.Entry<Noise, Operand<TFloat32>> built = build.apply(tf, in);
      Session.Runner runner = s.runner().feed(in, input).fetch(built.getValue());
      try (TFloat32 flag = TFloat32.scalarOf(1f); TInt64 seeds = TInt64.vectorOf(seed,
          step == null ? 0 : step)) {
        if (step != null) {
          runner.feed(built.getKey().training(), flag).feed(built.getKey().seed(), seeds);
        }
        try (Result r = runner.run()) {
          float[][][] out = new float[x.length][x[0].length][x[0][0].length];
          StdArrays.copyFrom((TFloat32) r.get(0), out);
          return out;
        }
      }
    }
  }

  private static float[][][] ones(int batch, int time, int width) {
    float[][][] x = new float[batch][time][width];
    for (float[][] row : x) {
      for (float[] step : row) {
        Arrays.fill(step, 1f);
      }
    }
    return x;
  }

  private static float[][][] through(Layer layer, SequenceLayout layout, float[][][] x, Long step,
      long seed) {
    Shape shape = Shape.of(-1, x[0].length, x[0][0].length);
    return run(x, step, seed, (tf, in) -> {
      Noise noise = Noise.in(tf);
      Operand<TFloat32> laid = layout.fromBatchMajor(tf, in);
      Operand<TFloat32> out = layer.call(tf, laid, shape, w -> null, layout, null, null, noise);
      return Map.entry(noise, layout.toBatchMajor(tf, out));
    });
  }

  /** The fraction of nonzero values, each checked to be exactly 1/(1-rate) times its input 1. */
  private static double keptFraction(float[][][] out, float rate) {
    float scaled = 1f / (1f - rate);
    long kept = 0;
    long all = 0;
    for (float[][] row : out) {
      for (float[] step : row) {
        for (float v : step) {
          assertTrue(v == 0f || v == scaled, "a value " + v + " other than 0 and " + scaled);
          kept += v == 0f ? 0 : 1;
          all++;
        }
      }
    }
    return (double) kept / all;
  }

  @ParameterizedTest
  @ValueSource(floats = {0.1f, 0.3f, 0.5f, 0.8f})
  void dropoutKeepsAFractionOneMinusRateScaledExactly(float rate) {
    float[][][] out = through(new Dropout("d", rate, null, null), SequenceLayout.BATCH_MAJOR,
        ones(BATCH, TIME, WIDTH), 1L, 5);
    // 12,000 units: the fraction's standard deviation is at most 0.0046.
    assertEquals(1 - rate, keptFraction(out, rate), 0.025);
  }

  @Test
  void dropoutIsTheIdentityWithoutTheTrainingFlag() {
    float[][][] x = ones(BATCH, TIME, WIDTH);
    x[0][0][0] = 3.25f;
    assertTrue(Arrays.deepEquals(x, through(new Dropout("d", 0.5f, null, null),
        SequenceLayout.BATCH_MAJOR, x, null, 5)));
    assertTrue(Arrays.deepEquals(x, through(new SpatialDropout1D("s", 0.5f, null),
        SequenceLayout.TIME_MAJOR, x, null, 5)));
  }

  @Test
  void masksAreAFunctionOfSeedAndStep() {
    Dropout d = new Dropout("d", 0.5f, null, null);
    float[][][] x = ones(BATCH, TIME, WIDTH);
    float[][][] first = through(d, SequenceLayout.BATCH_MAJOR, x, 1L, 5);
    assertTrue(Arrays.deepEquals(first, through(d, SequenceLayout.BATCH_MAJOR, x, 1L, 5)));
    assertFalse(Arrays.deepEquals(first, through(d, SequenceLayout.BATCH_MAJOR, x, 2L, 5)),
        "another step, other masks");
    assertFalse(Arrays.deepEquals(first, through(d, SequenceLayout.BATCH_MAJOR, x, 1L, 6)),
        "another seed, other masks");
    assertFalse(Arrays.deepEquals(first, through(new Dropout("d_1", 0.5f, null, null),
        SequenceLayout.BATCH_MAJOR, x, 1L, 5)), "another layer, other masks");
  }

  /** One draw per (sequence, channel), the same at every step, in either layout. */
  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void spatialDropoutDropsWholeChannels(SequenceLayout layout) {
    float rate = 0.4f;
    float[][][] out = through(new SpatialDropout1D("s", rate, null), layout,
        ones(BATCH, TIME, WIDTH), 3L, 9);
    assertSameOverTime(out);
    assertEquals(1 - rate, keptFraction(out, rate), 0.05); // 2,000 draws: sd 0.011
    assertFalse(Arrays.equals(out[0][0], out[1][0]), "rows draw their own channels");
  }

  /** Keras's noise_shape (None, 1, None) is SpatialDropout1D's draw, also time-major. */
  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void dropoutNoiseShapeBroadcastsOverTime(SequenceLayout layout) {
    float[][][] out = through(new Dropout("d", 0.5f, Arrays.asList(null, 1, null), null), layout,
        ones(BATCH, TIME, WIDTH), 3L, 9);
    assertSameOverTime(out);
    assertEquals(0.5, keptFraction(out, 0.5f), 0.05);
  }

  private static void assertSameOverTime(float[][][] out) {
    for (float[][] row : out) {
      for (float[] step : row) {
        assertTrue(Arrays.equals(row[0], step), "the same mask at every step");
      }
    }
  }

  /**
   * SimpleRNN with kernel I, recurrent kernel I, linear, no bias, on inputs of ones: h1 = m,
   * h2 = m + r*h1, h3 = m + r*h2 with the input mask m and the recurrent mask r. So the masks are
   * read from the output, and checked to be the same at every step, per row, and kept with
   * probability 1-rate.
   */
  @ParameterizedTest
  @EnumSource(SequenceLayout.class)
  void recurrentMasksAreTheSameAtEveryStep(SequenceLayout layout) {
    float rate = 0.25f;
    int units = 60;
    SimpleRNN rnn = new SimpleRNN("rnn", units, true, RecurrentOptions.DEFAULTS
        .withActivation(Activation.LINEAR).withUseBias(false).withDropout(rate)
        .withRecurrentDropout(rate));
    Shape shape = Shape.of(-1, 3, units);
    float[][][] out = run(ones(BATCH, 3, units), 4L, 1, (tf, in) -> {
      Noise noise = Noise.in(tf);
      Operand<TFloat32> identity = tf.constant(identity(units));
      LayerWeights w = name -> identity;
      Operand<TFloat32> h = rnn.call(tf, layout.fromBatchMajor(tf, in), shape, w, layout, null,
          null, noise);
      return Map.entry(noise, layout.toBatchMajor(tf, h));
    });
    float scaled = 1f / (1f - rate);
    long inputKept = 0;
    long recurrentKept = 0;
    for (float[][] row : out) {
      for (int u = 0; u < units; u++) {
        float m = row[0][u];
        assertTrue(m == 0f || m == scaled, "input mask value " + m);
        float r = m == 0f ? Float.NaN : row[1][u] / m - 1f; // h2 = m (1 + r)
        if (m != 0f) {
          assertTrue(Math.abs(r) < 1e-6 || Math.abs(r - scaled) < 1e-5, "recurrent mask " + r);
          // h3 = m + r h2 with the same m and r
          assertEquals(m + (Math.abs(r) < 1e-6 ? 0f : scaled) * row[1][u], row[2][u], 1e-4);
          recurrentKept += Math.abs(r) < 1e-6 ? 0 : 1;
        } else {
          assertEquals(0f, row[1][u]);
          assertEquals(0f, row[2][u]);
        }
        inputKept += m == 0f ? 0 : 1;
      }
    }
    assertEquals(1 - rate, (double) inputKept / (BATCH * units), 0.05);
    assertEquals(1 - rate, (double) recurrentKept / inputKept, 0.05);
    assertFalse(Arrays.equals(out[0][0], out[1][0]), "rows draw their own masks");
  }

  private static float[][] identity(int n) {
    float[][] m = new float[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1f;
    }
    return m;
  }

  /**
   * Keras 3 draws one input mask and one recurrent mask; recurrent_dropout switches LSTM and
   * GRU to implementation=1, which draws one of each per gate. SimpleRNN draws one always.
   */
  @Test
  void recurrentDropoutDrawsOneMaskPerGate() {
    RecurrentOptions inputOnly = RecurrentOptions.DEFAULTS.withDropout(0.2f);
    RecurrentOptions both = inputOnly.withRecurrentDropout(0.2f);
    assertEquals(List.of(1, 0), maskCounts(new LSTM("l", 3, true, true, inputOnly)));
    assertEquals(List.of(4, 4), maskCounts(new LSTM("l", 3, true, true, both)));
    assertEquals(List.of(3, 3), maskCounts(new GRU("g", 3, true, true, both)));
    assertEquals(List.of(0, 3), maskCounts(new GRU("g", 3, true, false,
        RecurrentOptions.DEFAULTS.withRecurrentDropout(0.1f))));
    assertEquals(List.of(1, 1), maskCounts(new SimpleRNN("s", 3, true, both)));
  }

  private static List<Integer> maskCounts(RecurrentLayer layer) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      RecurrentLayer.DropoutMasks masks = layer.dropoutMasks(tf,
          tf.zeros(tf.constant(new int[] {2, 4, 5}), TFloat32.class), 5, Noise.in(tf));
      return List.of(masks.inputs() == null ? 0 : masks.inputs().size(),
          masks.recurrent() == null ? 0 : masks.recurrent().size());
    }
  }

  @Test
  void ratesOutsideZeroToOneAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dropout("drop", 1f, null, null));
    assertEquals("Dropout 'drop' rate must be a fraction of units to drop in [0, 1), got 1.0: use"
        + " 0 for no dropout, e.g. 0.2 to drop a fifth of the units at training", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(-0.1f));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Float.NaN));
    e = assertThrows(IllegalArgumentException.class,
        () -> RecurrentOptions.DEFAULTS.withRecurrentDropout(1.5f));
    assertTrue(e.getMessage().startsWith("A recurrent layer's recurrent_dropout must be"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Dropout("d", 0.5f, List.of(0, 1), null));
    assertTrue(e.getMessage().contains("noise_shape [0, 1] has a dimension <= 0"), e.getMessage());
  }

  @Test
  void configsRoundTripThroughLayerFactory() {
    for (Layer layer : List.of(new Dropout("d", 0.5f, Arrays.asList(null, 1, 8), 3),
        new Dropout("d", 0.25f, null, null), new SpatialDropout1D("s", 0.3f, 11),
        new LSTM("l", 4, true, true, RecurrentOptions.DEFAULTS.withDropout(0.2f)
            .withRecurrentDropout(0.1f).withSeed(5)),
        new Bidirectional("b", new GRU("g", 2, false, true,
            RecurrentOptions.DEFAULTS.withDropout(0.3f)), Bidirectional.MergeMode.SUM))) {
      Map<String, Object> config = viaJson(layer.kerasConfig());
      Layer rebuilt = LayerFactory.fromKerasConfig(layer.kerasClassName(), config);
      assertEquals(layer.kerasConfig(), rebuilt.kerasConfig(), layer.toString());
    }
  }

  /** A config as rnnkit.json stores it: written as JSON and read back. */
  private static Map<String, Object> viaJson(Map<String, Object> config) {
    try {
      return dev.rnnkit.io.Json.reader().forType(Map.class)
          .readValue(dev.rnnkit.io.Json.writer().writeValueAsString(config));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aLayerBuilderGivesDropoutToAnLstm() {
    RecurrentLayer lstm = new LSTM(64, true).withDropout(0.2f).withRecurrentDropout(0.2f);
    assertEquals(0.2f, lstm.options().dropout());
    assertEquals(0.2f, lstm.options().recurrentDropout());
    assertTrue(lstm instanceof LSTM);
    assertEquals(0.2, lstm.kerasConfig().get("recurrent_dropout"), "written as the user wrote it");
  }
}
