package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.AveragePooling1D;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Padding;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv1D (every padding mode, strides, dilation, with and without a bias), MaxPooling1D,
 * AveragePooling1D and Flatten: the graph's gradients (TensorFlow's registered gradients of
 * Conv2D, Pad, MaxPool, AvgPool, Reshape) against central finite differences of the loss, for
 * every third element of every weight. Stacks put the convolution under a pooling, above an
 * LSTM on its hand-written backward pass, and under a GRU on its own.
 */
class ConvPoolingGradientTest {

  private static final int STEPS = 7;

  /**
   * Smaller than {@link GradientTest}'s 5e-3: a max pooling's window changes its maximum where
   * two values are close, and a central difference that straddles such a switch averages the
   * slopes on both sides (it does at 5e-3 for one kernel entry here). 1e-3 is still far above
   * float32's noise in the loss.
   */
  private static final double STEP = 1e-3;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("Conv1D valid, Flatten",
            List.of(conv(3, 3, 1, Padding.VALID, 1, true), new Flatten())),
        Arguments.of("Conv1D same even kernel strides 2, Flatten",
            List.of(conv(3, 4, 2, Padding.SAME, 1, true), new Flatten())),
        Arguments.of("Conv1D causal dilation 2, MaxPooling1D(2), Flatten",
            List.of(conv(3, 2, 1, Padding.CAUSAL, 2, true), new MaxPooling1D(2), new Flatten())),
        Arguments.of("Conv1D causal strides 2 no bias, MaxPooling1D(3, 2, same), Flatten",
            List.of(conv(3, 3, 2, Padding.CAUSAL, 1, false),
                new MaxPooling1D(null, 3, 2, Padding.SAME), new Flatten())),
        Arguments.of("Conv1D same dilation 3, AveragePooling1D(4, 1, same), Flatten",
            List.of(conv(2, 3, 1, Padding.SAME, 3, true),
                new AveragePooling1D(null, 4, 1, Padding.SAME), new Flatten())),
        Arguments.of("Conv1D valid, AveragePooling1D(2), GRU",
            List.of(conv(3, 2, 1, Padding.VALID, 1, true), new AveragePooling1D(2),
                new GRU(null, 2, false, true))),
        Arguments.of("LSTM sequences, Conv1D causal, Flatten",
            List.of(new LSTM(3, true), conv(2, 2, 1, Padding.CAUSAL, 1, true), new Flatten())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void gradientsMatchFiniteDifferences(String label, List<Layer> layers) {
    List<Layer> stack = new ArrayList<>(layers);
    stack.add(new Dense(1, Activation.SIGMOID));
    Sequential architecture = new Sequential(InputSpec.features(STEPS, 2), stack);
    try (Model model = Model.compile(architecture, 31)) {
      GradientTest.assertEveryNthMatchesFiniteDifferences(model, batch(), 3, STEP, label);
    }
  }

  /** tanh keeps the loss smooth: a central difference across relu's kink would not be. */
  private static Conv1D conv(int filters, int kernelSize, int strides, Padding padding,
      int dilation, boolean useBias) {
    return new Conv1D(null, filters, kernelSize, strides, padding, dilation, Activation.TANH,
        useBias);
  }

  private static SequenceData batch() {
    SplittableRandom random = new SplittableRandom(41);
    float[][][] x = new float[4][STEPS][2];
    for (float[][] sequence : x) {
      for (float[] step : sequence) {
        for (int f = 0; f < step.length; f++) {
          step[f] = (float) random.nextDouble(-1, 1);
        }
      }
    }
    return SequenceData.ofFeatures(x, new float[] {1, 0, 1, 0});
  }
}
