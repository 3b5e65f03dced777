package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.AveragePooling1D;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Padding;
import org.junit.jupiter.api.Test;

/**
 * The summary of a model with every window layer option: output shapes and parameter counts as
 * Keras 3.15.1's {@code model.summary()} printed them for the same model (RNNKit's .keras export
 * of it, loaded in Keras).
 */
class WindowLayersSummaryTest {

  @Test
  void shapesAndParameterCountsAreKeras() {
    Sequential architecture = Sequential.of(InputSpec.features(12, 3),
        new Conv1D(null, 4, 3, 1, Padding.CAUSAL, 2, Activation.TANH, true),
        new AveragePooling1D(null, 3, 2, Padding.SAME),
        new Conv1D(null, 3, 2, 2, Padding.VALID, 1, Activation.RELU, false),
        new MaxPooling1D(null, 2, 1, Padding.SAME),
        new Conv1D(null, 2, 4, 1, Padding.SAME, 1, Activation.SIGMOID, true),
        new Flatten(), new Dense(2, Activation.SOFTMAX));
    String summary = architecture.summary();
    String[][] rows = {
      {"conv1d (Conv1D)", "(None, 12, 4)", "40"},
      {"average_pooling1d (AveragePooling1D)", "(None, 6, 4)", "0"},
      {"conv1d_1 (Conv1D)", "(None, 3, 3)", "24"},
      {"max_pooling1d (MaxPooling1D)", "(None, 3, 3)", "0"},
      {"conv1d_2 (Conv1D)", "(None, 3, 2)", "26"},
      {"flatten (Flatten)", "(None, 6)", "0"},
      {"dense (Dense)", "(None, 2)", "14"}};
    for (String[] row : rows) {
      assertTrue(summary.lines().anyMatch(line -> line.startsWith(row[0])
          && line.contains(row[1]) && line.trim().endsWith(" " + row[2])), row[0] + " in\n"
          + summary);
    }
    assertEquals(104, architecture.paramCount());
  }
}
