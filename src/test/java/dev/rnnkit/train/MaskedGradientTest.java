package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.SimpleRNN;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients of masked models (Embedding with mask_zero: padding before, after and inside the
 * sequences) against central finite differences of the loss, for every cell of
 * {@link GradientTest#models()}: masked steps carry the state, and a masked sequence output's
 * loss counts only unmasked steps. Once with a fixed length, once with an open length and
 * ragged sequences.
 */
class MaskedGradientTest {

  private static final int[][] PADDED = {{0, 0, 4, 7, 11}, {3, 3, 9, 0, 0}, {10, 0, 1, 8, 4}};
  private static final int[][] RAGGED = {{4, 7, 11}, {3, 3, 9, 2, 5, 6, 1}, {10, 0, 1}};
  /** Padded by RNNKit after each end only: the fused LSTM kernel reads it with lengths. */
  private static final int[][] POST_PADDED = {{4, 7, 11}, {3, 3, 9, 2, 5, 6, 1}, {10, 1}};
  private static final float[] LABELS = {1, 0, 1};
  private static final int[] REACHED_ROWS = {4, 7, 9, 10, 3};

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.train.GradientTest#models")
  void fixedLengthMaskedGradientsMatch(String label, Layer rnn) {
    assertGradients(InputSpec.tokens(5), rnn, SequenceData.ofTokens(PADDED, LABELS), label);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.train.GradientTest#models")
  void openLengthMaskedGradientsMatch(String label, Layer rnn) {
    assertGradients(InputSpec.openTokens(), rnn, SequenceData.ofRaggedTokens(RAGGED, LABELS),
        label);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rnnkit.train.GradientTest#models")
  void postPaddedMaskedGradientsMatch(String label, Layer rnn) {
    assertGradients(InputSpec.openTokens(), rnn,
        SequenceData.ofRaggedTokens(POST_PADDED, LABELS), label);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> wrappers() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("Bidirectional LSTM concat last",
            new Bidirectional(new LSTM(3, false))),
        org.junit.jupiter.params.provider.Arguments.of("Bidirectional LSTM sum sequences",
            new Bidirectional(new LSTM(3, true), Bidirectional.MergeMode.SUM)),
        org.junit.jupiter.params.provider.Arguments.of("Bidirectional GRU ave last",
            new Bidirectional(new GRU(3, false), Bidirectional.MergeMode.AVE)),
        org.junit.jupiter.params.provider.Arguments.of("Bidirectional SimpleRNN mul sequences",
            new Bidirectional(new SimpleRNN(null, 3, true), Bidirectional.MergeMode.MUL)));
  }

  /** Bidirectional layers, over pre-, post- and inside padding and over post-padded rows. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("wrappers")
  void bidirectionalMaskedGradientsMatch(String label, Layer rnn) {
    assertGradients(InputSpec.tokens(5), rnn, SequenceData.ofTokens(PADDED, LABELS), label);
    assertGradients(InputSpec.openTokens(), rnn,
        SequenceData.ofRaggedTokens(POST_PADDED, LABELS), label + " post-padded");
  }

  private static void assertGradients(InputSpec input, Layer rnn, SequenceData batch,
      String label) {
    Sequential arch = Sequential.of(input, new Embedding(null, 12, 3, true), rnn,
        new Dense(3, Activation.TANH), new Dense(1, Activation.SIGMOID));
    try (Model model = Model.compile(arch, 21)) {
      List<float[]> analytic = model.gradients(batch);
      List<Weight> base = model.weights();
      SplittableRandom pick = new SplittableRandom(3);
      for (int w = 0; w < base.size(); w++) {
        Weight weight = base.get(w);
        for (int k = 0; k < 5; k++) {
          // Embedding rows every batch reaches.
          int index = weight.name().endsWith("embeddings") ? REACHED_ROWS[k] * 3 + k % 3
              : pick.nextInt(weight.values().length);
          double analyticValue = analytic.get(w)[index];
          // A kink of relu or hard_sigmoid within a step of these states spoils that central
          // difference: a kinked cell's gradient must agree at one of three shrinking steps
          // (the last one near float32's noise, so it is only the last resort).
          boolean kinked = GradientTest.stepFor(rnn) < 5e-3;
          double numeric = numeric(model, base, w, index, kinked ? 1e-3 : 2e-3, batch);
          for (double step = 2.5e-4; kinked && step > 5e-5 && !close(numeric, analyticValue);
              step /= 4) {
            numeric = numeric(model, base, w, index, step, batch);
          }
          assertEquals(numeric, analyticValue, 3e-4 + 0.02 * Math.abs(numeric),
              label + " " + weight.name() + "[" + index + "]");
        }
      }
    }
  }

  private static boolean close(double numeric, double analytic) {
    return Math.abs(numeric - analytic) <= 3e-4 + 0.02 * Math.abs(numeric);
  }

  private static double numeric(Model model, List<Weight> base, int w, int index, double step,
      SequenceData batch) {
    return (GradientTest.lossWith(model, base, w, index, step, batch)
        - GradientTest.lossWith(model, base, w, index, -step, batch)) / (2 * step);
  }

}
