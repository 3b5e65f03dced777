package dev.rnnkit.savedmodel.export;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.AveragePooling1D;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.GlobalAveragePooling1D;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Padding;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models with Conv1D, MaxPooling1D, AveragePooling1D and Flatten saved as RNNKit's model folder
 * load and predict the same: every option survives rnnkit.json, with a fixed and an open length.
 */
class ConvPoolingExportTest {

  @TempDir Path dir;

  @Test
  void everyOptionSurvivesTheModelFolder() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.features(12, 3),
        new Conv1D(null, 4, 3, 1, Padding.CAUSAL, 2, Activation.TANH, true),
        new AveragePooling1D(null, 3, 2, Padding.SAME),
        new Conv1D(null, 3, 2, 2, Padding.VALID, 1, Activation.RELU, false),
        new MaxPooling1D(null, 2, 1, Padding.SAME), new Flatten(),
        new Dense(2, Activation.SOFTMAX));
    ExportFixtures.assertSurvivesTheModelFolder(architecture,
        Loss.sparseCategoricalCrossentropy(), features(3, 12), dir.resolve("model"));
  }

  /** No RNN: the served graph takes batches of any length, through the windows. */
  @Test
  void anOpenLengthConvolutionSurvivesTheModelFolder() throws IOException {
    Sequential architecture = Sequential.of(InputSpec.openFeatures(3),
        new Conv1D(5, 4, Padding.SAME, Activation.RELU), new MaxPooling1D(null, 3, 2, Padding.SAME),
        new AveragePooling1D(2), new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
    ExportFixtures.assertSurvivesTheModelFolder(architecture, Loss.binaryCrossentropy(),
        features(2, 9), dir.resolve("model"));
  }

  private static SequenceData features(int batch, int steps) {
    SplittableRandom random = new SplittableRandom(steps);
    float[][][] x = new float[batch][steps][3];
    for (float[][] sequence : x) {
      for (float[] step : sequence) {
        for (int f = 0; f < step.length; f++) {
          step[f] = (float) random.nextDouble(-2, 2);
        }
      }
    }
    return SequenceData.ofFeatures(x, null);
  }
}
