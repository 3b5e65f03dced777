package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Bidirectional.MergeMode;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.GlobalAveragePooling1D;
import dev.rnnkit.layers.GlobalMaxPooling1D;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Masking;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.layers.SimpleRNN;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The graph's gradients of the loss against central finite differences of the loss. */
class GradientTest {

  private static final double STEP = 5e-3;

  /**
   * The step for a cell with relu or hard_sigmoid: a central difference that straddles a kink
   * averages the slopes on both sides, and at 5e-3 some embedding entries (about 0.05 in size)
   * cross one. A smaller step keeps off the kinks; 1e-3 is still far above float32's noise in the
   * loss.
   */
  static double stepFor(Layer rnn) {
    if (rnn instanceof RecurrentLayer r) {
      boolean kinked = Stream.of(r.options().activation(), r.options().recurrentActivation())
          .anyMatch(a -> a == Activation.RELU || a == Activation.HARD_SIGMOID);
      return kinked ? 1e-3 : STEP;
    }
    return STEP;
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("LSTM sequences", (Layer) new LSTM(4, true)),
        Arguments.of("LSTM last", (Layer) new LSTM(4, false)),
        Arguments.of("LSTM unrolled sequences", (Layer) new LSTM(null, 4, true, false)),
        Arguments.of("LSTM unrolled last", (Layer) new LSTM(null, 4, false, false)),
        Arguments.of("GRU reset_after", (Layer) new GRU(null, 4, true, true)),
        Arguments.of("GRU reset_after last", (Layer) new GRU(null, 4, false, true)),
        Arguments.of("GRU reset_before", (Layer) new GRU(null, 4, true, false)),
        Arguments.of("GRU reset_before last", (Layer) new GRU(null, 4, false, false)),
        // Keras's other cell options: TensorFlow's gradients of the unrolled graph, except
        // go_backwards alone, which keeps the fused LSTM kernel.
        Arguments.of("LSTM go_backwards sequences", (Layer) new LSTM(null, 4, true, true, BACKWARDS)),
        Arguments.of("LSTM go_backwards last", (Layer) new LSTM(null, 4, false, true, BACKWARDS)),
        Arguments.of("LSTM relu hard_sigmoid no bias", (Layer) new LSTM(null, 4, true, true,
            RecurrentOptions.DEFAULTS.withActivation(Activation.RELU)
                .withRecurrentActivation(Activation.HARD_SIGMOID).withUseBias(false))),
        Arguments.of("LSTM softsign linear backwards", (Layer) new LSTM(null, 4, false, true,
            BACKWARDS.withActivation(Activation.SOFTSIGN)
                .withRecurrentActivation(Activation.LINEAR).withUnitForgetBias(false))),
        Arguments.of("GRU go_backwards no bias", (Layer) new GRU(null, 4, true, true,
            BACKWARDS.withUseBias(false))),
        Arguments.of("GRU softsign sigmoid last", (Layer) new GRU(null, 4, false, true,
            RecurrentOptions.DEFAULTS.withActivation(Activation.SOFTSIGN))),
        Arguments.of("GRU reset_before relu hard_sigmoid backwards no bias", (Layer) new GRU(
            null, 4, true, false, BACKWARDS.withActivation(Activation.RELU)
                .withRecurrentActivation(Activation.HARD_SIGMOID).withUseBias(false))),
        Arguments.of("SimpleRNN sequences", (Layer) new SimpleRNN(4, true)),
        Arguments.of("SimpleRNN last", (Layer) new SimpleRNN(4, false)),
        Arguments.of("SimpleRNN softsign backwards no bias", (Layer) new SimpleRNN(null, 4, true,
            BACKWARDS.withActivation(Activation.SOFTSIGN).withUseBias(false))));
  }

  private static final RecurrentOptions BACKWARDS = RecurrentOptions.DEFAULTS.withGoBackwards(true);

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void gradientsMatchFiniteDifferences(String label, Layer rnn) {
    Sequential arch = Sequential.of(InputSpec.tokens(5), new Embedding(12, 3), rnn,
        new Dense(3, Activation.TANH), new Dense(1, Activation.SIGMOID));
    int[][] ids = {{1, 4, 7, 0, 11}, {3, 3, 9, 2, 5}, {10, 6, 1, 8, 4}};
    SequenceData batch = SequenceData.ofTokens(ids, new float[] {1, 0, 1});
    try (Model model = Model.compile(arch, 11)) {
      List<float[]> analytic = model.gradients(batch);
      List<Weight> base = model.weights();
      SplittableRandom pick = new SplittableRandom(5);
      for (int w = 0; w < base.size(); w++) {
        Weight weight = base.get(w);
        for (int k = 0; k < 6; k++) {
          int index = pick.nextInt(weight.values().length);
          if (weight.name().endsWith("embeddings")) {
            index = (ids[0][k % 5] * 3 + k % 3); // rows the batch reaches
          }
          double step = stepFor(rnn);
          double numeric = (lossWith(model, base, w, index, step, batch)
              - lossWith(model, base, w, index, -step, batch)) / (2 * step);
          double got = analytic.get(w)[index];
          assertEquals(numeric, got, 2e-4 + 0.02 * Math.abs(numeric),
              label + " " + weight.name() + "[" + index + "]");
        }
      }
    }
  }

  /**
   * Bidirectional: TensorFlow's gradients through both directions, the reversals and the merge,
   * with the fused LSTM kernel (no mask) or the unrolled masked steps (mask_zero, padding at
   * either end of a row), for sequences (masked steps zeroed) and the last step.
   */
  static Stream<Arguments> bidirectionalModels() {
    return Stream.of(
        Arguments.of("LSTM concat sequences", new Bidirectional(new LSTM(3, true)), false),
        Arguments.of("LSTM concat sequences mask_zero", new Bidirectional(new LSTM(3, true)), true),
        Arguments.of("LSTM sum last", new Bidirectional(new LSTM(3, false), MergeMode.SUM), false),
        Arguments.of("LSTM mul last mask_zero",
            new Bidirectional(new LSTM(3, false), MergeMode.MUL), true),
        Arguments.of("GRU ave sequences mask_zero",
            new Bidirectional(new GRU(3, true), MergeMode.AVE), true),
        Arguments.of("GRU concat last", new Bidirectional(new GRU(3, false)), false),
        Arguments.of("GRU sum last mask_zero",
            new Bidirectional(new GRU(3, false), MergeMode.SUM), true));
  }

  @ParameterizedTest(name = "Bidirectional {0}")
  @MethodSource("bidirectionalModels")
  void bidirectionalGradientsMatchFiniteDifferences(String label, Bidirectional bidirectional,
      boolean maskZero) {
    Sequential arch = Sequential.of(InputSpec.tokens(5), new Embedding(null, 12, 3, maskZero),
        bidirectional, new Dense(3, Activation.TANH), new Dense(1, Activation.SIGMOID));
    int[][] ids = {{0, 0, 7, 4, 11}, {3, 3, 9, 0, 0}, {10, 6, 1, 8, 4}};
    SequenceData batch = SequenceData.ofTokens(ids, new float[] {1, 0, 1});
    try (Model model = Model.compile(arch, 15)) {
      assertEveryNthMatchesFiniteDifferences(model, batch, 5, "Bidirectional " + label);
    }
  }

  /**
   * A GRU with its hand-written backward pass above a Bidirectional layer: the chain rule goes
   * from the GRU's pass into TensorFlow's gradients of both directions' weights.
   */
  @ParameterizedTest(name = "Bidirectional {0} under a GRU")
  @ValueSource(strings = {"LSTM", "GRU"})
  void handWrittenGradientAboveBidirectionalMatches(String cell) {
    Layer inner = cell.equals("LSTM") ? new LSTM(3, true) : new GRU(3, true);
    Sequential arch = Sequential.of(InputSpec.tokens(5), new Embedding(12, 3),
        new Bidirectional((RecurrentLayer) inner, MergeMode.SUM), new GRU(null, 2, false, true),
        new Dense(1, Activation.SIGMOID));
    int[][] ids = {{1, 4, 7, 2, 11}, {3, 3, 9, 2, 5}, {10, 6, 1, 8, 4}};
    try (Model model = Model.compile(arch, 16)) {
      assertEveryNthMatchesFiniteDifferences(model,
          SequenceData.ofTokens(ids, new float[] {1, 0, 1}), 5, "Bidirectional " + cell);
    }
  }

  /**
   * Over a single time step an unrolled RNN never uses its recurrent kernel (the state starts at
   * zero); the model must still compile and train, with a zero gradient for that kernel.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void singleStepSequencesTrain(String label, Layer rnn) {
    SequenceData batch = SyntheticTask.features(4, 1, 2, 3);
    try (Model model = Model.compile(floatInputModel(rnn, 1), 13)) {
      List<float[]> gradients = model.gradients(batch);
      for (int w = 0; w < gradients.size(); w++) {
        if (model.weights().get(w).name().endsWith("recurrent_kernel")) {
          for (float g : gradients.get(w)) {
            assertEquals(0f, g, label);
          }
        }
      }
      model.trainStep(batch, batch.naturalOrder(), 0, batch.size());
      assertEquals(1, model.iterations(), label);
    }
  }

  /**
   * A model that ends with the RNN: its sequence output is transposed back to batch-major after
   * the layer, and the layer's own backward pass must still get its gradient in its layout.
   */
  static Stream<Arguments> oneUnitRnns() {
    return Stream.of(
        Arguments.of("LSTM sequences", (Layer) new LSTM(1, true)),
        Arguments.of("LSTM unrolled sequences", (Layer) new LSTM(null, 1, true, false)),
        Arguments.of("GRU reset_after sequences", (Layer) new GRU(null, 1, true, true)),
        Arguments.of("GRU reset_after last", (Layer) new GRU(null, 1, false, true)),
        Arguments.of("LSTM go_backwards sequences", (Layer) new LSTM(null, 1, true, true, BACKWARDS)),
        Arguments.of("GRU go_backwards hard_sigmoid sequences", (Layer) new GRU(null, 1, true,
            true, BACKWARDS.withRecurrentActivation(Activation.HARD_SIGMOID))),
        Arguments.of("SimpleRNN go_backwards sequences", (Layer) new SimpleRNN(null, 1, true,
            BACKWARDS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneUnitRnns")
  void rnnAsTheLastLayerGradientsMatch(String label, Layer rnn) {
    SequenceData batch = SyntheticTask.features(4, 4, 2, 3);
    try (Model model = Model.compile(Sequential.of(InputSpec.features(4, 2), rnn), Adam.keras(),
        Loss.meanSquaredError(), 14)) {
      assertEveryNthMatchesFiniteDifferences(model, batch, 2, label);
    }
  }

  /**
   * Masking, a recurrent sequence, a global pooling: the pooling's gradient (Max, or the masked
   * mean's Mul, Sum and Div) reaches the RNN through TensorFlow's registered gradients. Rows of
   * zeros, which Masking masks, sit at the start, inside and at the end of sequences.
   */
  static Stream<Arguments> pooledRnns() {
    return Stream.of(
        Arguments.of("SimpleRNN, average", new SimpleRNN(3, true), new GlobalAveragePooling1D()),
        Arguments.of("SimpleRNN, max", new SimpleRNN(3, true), new GlobalMaxPooling1D()),
        Arguments.of("GRU, average", new GRU(3, true), new GlobalAveragePooling1D()),
        Arguments.of("LSTM, max", new LSTM(3, true), new GlobalMaxPooling1D()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pooledRnns")
  void maskedPoolingGradientsMatch(String label, Layer rnn, Layer pooling) {
    float[][][] x = features(4, 5, 2);
    x[0][0] = new float[2];
    x[1][2] = new float[2];
    x[2][4] = new float[2];
    x[2][3] = new float[2];
    SequenceData batch = SequenceData.ofFeatures(x, new float[] {1, 0, 1, 0});
    try (Model model = Model.compile(Sequential.of(InputSpec.features(5, 2), new Masking(0f), rnn,
        pooling, new Dense(1, Activation.SIGMOID)), 15)) {
      assertEveryNthMatchesFiniteDifferences(model, batch, 1, label);
    }
  }

  /**
   * TimeDistributed(Dense): TensorFlow's gradients of its kernel and bias, at the top of a
   * sequence model (the LSTM below it on its hand-written pass, or masked by Masking and
   * differentiated by TensorFlow) and between an LSTM and a GRU with its own backward pass.
   */
  static Stream<Arguments> timeDistributedModels() {
    return Stream.of(
        Arguments.of("on an LSTM's sequence, last layer", false, List.of(new LSTM(3, true),
            new TimeDistributed(new Dense(1, Activation.TANH)))),
        Arguments.of("on a masked LSTM's sequence, last layer", true, List.of(new Masking(0f),
            new LSTM(3, true), new TimeDistributed(new Dense(1, Activation.TANH)))),
        Arguments.of("between an LSTM and a GRU", false, List.of(new LSTM(3, true),
            new TimeDistributed(new Dense(3, Activation.TANH)), new GRU(null, 2, false, true),
            new Dense(1, Activation.SIGMOID))));
  }

  @ParameterizedTest(name = "TimeDistributed {0}")
  @MethodSource("timeDistributedModels")
  void timeDistributedGradientsMatch(String label, boolean zeroRows, List<Layer> layers) {
    float[][][] x = features(4, 5, 2);
    if (zeroRows) {
      x[0][0] = new float[2];
      x[1][2] = new float[2];
      x[2][4] = new float[2];
    }
    SequenceData batch = SequenceData.ofFeatures(x, new float[] {1, 0, 1, 0});
    Sequential arch = Sequential.of(InputSpec.features(5, 2), layers.toArray(new Layer[0]));
    try (Model model = Model.compile(arch, Adam.keras(), Loss.meanSquaredError(), 17)) {
      assertEveryNthMatchesFiniteDifferences(model, batch, 2, "TimeDistributed " + label);
    }
  }

  /** Fixed non-zero features [batch][time][features] in (-1, 1). */
  private static float[][][] features(int batch, int time, int width) {
    SplittableRandom random = new SplittableRandom(21);
    float[][][] x = new float[batch][time][width];
    for (float[][] sequence : x) {
      for (float[] step : sequence) {
        for (int f = 0; f < width; f++) {
          step[f] = (float) random.nextDouble(-1, 1);
        }
      }
    }
    return x;
  }

  /** The RNN on float inputs of 2 features, then Dense(1, sigmoid). */
  private static Sequential floatInputModel(Layer rnn, int steps) {
    return Sequential.of(InputSpec.features(steps, 2), rnn, new Dense(1, Activation.SIGMOID));
  }

  static double lossWith(Model model, List<Weight> base, int w, int index, double delta,
      SequenceData batch) {
    List<Weight> changed = new ArrayList<>(base);
    float[] values = base.get(w).values().clone();
    values[index] += (float) delta;
    changed.set(w, new Weight(base.get(w).name(), base.get(w).shape(), values));
    model.setWeights(changed);
    double loss = model.evaluate(batch, batch.size()).loss();
    model.setWeights(base);
    return loss;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void floatInputGradientsMatchToo(String label, Layer rnn) {
    SequenceData batch = SyntheticTask.features(4, 4, 2, 3);
    try (Model model = Model.compile(floatInputModel(rnn, 4), 12)) {
      assertEveryNthMatchesFiniteDifferences(model, batch, 7, label);
    }
  }

  /** Every {@code n}-th element of every weight's gradient against central differences of the loss. */
  private static void assertEveryNthMatchesFiniteDifferences(Model model, SequenceData batch, int n, String label) {
    assertEveryNthMatchesFiniteDifferences(model, batch, n, STEP, label);
  }

  /** As above, with central differences {@code step} either side. */
  static void assertEveryNthMatchesFiniteDifferences(Model model, SequenceData batch, int n,
      double step, String label) {
    List<float[]> analytic = model.gradients(batch);
    List<Weight> base = model.weights();
    for (int w = 0; w < base.size(); w++) {
      for (int index = 0; index < base.get(w).values().length; index += n) {
        double numeric = (lossWith(model, base, w, index, step, batch)
            - lossWith(model, base, w, index, -step, batch)) / (2 * step);
        assertEquals(numeric, analytic.get(w)[index], 2e-4 + 0.02 * Math.abs(numeric),
            label + " " + base.get(w).name() + "[" + index + "]");
      }
    }
  }
}
