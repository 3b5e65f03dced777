package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model compiled with categorical_crossentropy or a loss from logits, end to end: the accuracy
 * Keras resolves for it, computed on the model's own predictions; masked sequence outputs;
 * ragged (open-length) training; save and reload; and the refusals of labels and outputs that do
 * not fit the loss.
 */
class CategoricalTrainingTest {

  private static final int[][] IDS = {{0, 0, 4, 7, 11}, {3, 3, 9, 0, 0}, {10, 6, 1, 8, 4},
      {5, 0, 2, 2, 9}};
  private static final float[][] VECTORS = {{1, 0, 0}, {0.1f, 0.2f, 0.7f}, {0, 1, 0},
      {0, 0, 1}};

  private static Sequential classifier(boolean sequences, Activation activation, int units) {
    return Sequential.of(InputSpec.tokens(5), new Embedding(null, 50, 3, true),
        new LSTM(4, sequences), new Dense(units, activation));
  }

  @Test
  void categoricalAccuracyAndLossOfAMaskedSequenceOutputCountOnlyUnmaskedSteps() {
    SequenceData data = SequenceData.ofTokens(IDS, null).withLabelVectors(VECTORS);
    try (Model model = Model.compile(classifier(true, Activation.SOFTMAX, 3), Adam.keras(),
        Loss.categoricalCrossentropy(), 3)) {
      float[][] p = model.predict(data, 4); // [sequence][step * 3 + class]
      double loss = 0;
      double right = 0;
      int kept = 0;
      for (int i = 0; i < IDS.length; i++) {
        for (int t = 0; t < 5; t++) {
          if (IDS[i][t] == 0) {
            continue;
          }
          double sum = p[i][3 * t] + p[i][3 * t + 1] + p[i][3 * t + 2];
          for (int c = 0; c < 3; c++) {
            loss -= VECTORS[i][c] * Math.log(Math.min(Math.max(p[i][3 * t + c] / sum, 1e-7),
                1 - 1e-7));
          }
          right += argmax(p[i], 3 * t) == argmax(VECTORS[i], 0) ? 1 : 0;
          kept++;
        }
      }
      Evaluation eval = model.evaluate(data, 4); // one batch: the loss is its unmasked mean
      assertEquals(loss / kept, eval.loss(), 1e-6);
      assertEquals(right / kept, eval.get("accuracy"), 1e-9);
      assertEquals(List.of("loss", "accuracy"), model.metricNames());
    }
  }

  @Test
  void binaryAccuracyFromLogitsThresholdsTheOutputAsKerasDoes() {
    float[] labels = {1, 0, 1, 0};
    SequenceData data = SequenceData.ofTokens(IDS, labels);
    try (Model model = Model.compile(classifier(false, Activation.LINEAR, 1), Adam.keras(),
        Loss.binaryCrossentropy(true), 3)) {
      float[][] z = model.predict(data, 4);
      double right = 0;
      double loss = 0;
      for (int i = 0; i < labels.length; i++) {
        // Keras's BinaryAccuracy compares the output itself, logits here, with 0.5.
        right += (z[i][0] > 0.5f ? 1 : 0) == labels[i] ? 1 : 0;
        loss += Math.max(z[i][0], 0) - z[i][0] * labels[i] + Math.log1p(Math.exp(-Math.abs(z[i][0])));
      }
      Evaluation eval = model.evaluate(data, 4);
      assertEquals(right / labels.length, eval.accuracy(), 1e-9);
      assertEquals(loss / labels.length, eval.loss(), 1e-6);
    }
  }

  @Test
  void raggedLabelVectorsTrainAnOpenLengthModel() {
    int[][] ragged = {{4, 7, 11}, {3, 3, 9, 2, 1, 5}, {10, 6}, {5, 2, 2, 9}};
    SequenceData data = SequenceData.ofRaggedTokens(ragged, new float[] {0, 2, 1, 2})
        .withCategoricalLabels(3);
    assertEquals(3, data.labelVectorSize());
    Sequential arch = Sequential.of(InputSpec.openTokens(), new Embedding(null, 50, 3, true),
        new LSTM(4, false), new Dense(3, Activation.LINEAR));
    try (Model model = Model.compile(arch, Adam.keras(), Loss.categoricalCrossentropy(true), 3)) {
      History history = Trainer.fit(model, data, FitOptions.builder().progressOut(null)
          .epochs(2).batchSize(2).validationSplit(0.25).build());
      assertEquals(2, history.metrics().get("loss").size());
      assertTrue(history.metrics().containsKey("accuracy"), history.metrics().keySet().toString());
      assertEquals(2, history.metrics().get("val_accuracy").size());
      assertFalse(Double.isNaN(model.evaluate(data, 3).loss()));
    }
  }

  @Test
  void fromLogitsSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
    SequenceData data = SequenceData.ofTokens(IDS, null).withLabelVectors(VECTORS);
    try (Model model = Model.compile(classifier(false, Activation.LINEAR, 3), Adam.keras(),
        Loss.categoricalCrossentropy(true), 3)) {
      double loss = model.evaluate(data, 4).loss();
      ModelDirectory.save(model, dir.resolve("m"), null, 0, false);
      try (ModelDirectory.Loaded loaded = ModelDirectory.load(dir.resolve("m"))) {
        assertTrue(loaded.model().loss().fromLogits());
        assertTrue(loaded.model().loss().isCategorical());
        assertEquals(loss, loaded.model().evaluate(data, 4).loss(), 1e-7);
      }
    }
  }

  @Test
  void labelsAndOutputsThatDoNotFitTheLossAreRefused() {
    SequenceData vectors = SequenceData.ofTokens(IDS, null).withLabelVectors(VECTORS);
    try (Model softmax = Model.compile(classifier(false, Activation.SOFTMAX, 3), Adam.keras(),
        Loss.categoricalCrossentropy(true), 3)) {
      assertMessage(() -> softmax.evaluate(vectors, 4), "from_logits=True", "softmax",
          "activation='linear'");
    }
    try (Model sparse = Model.compile(classifier(false, Activation.SOFTMAX, 3), Adam.keras(),
        Loss.sparseCategoricalCrossentropy(), 3)) {
      assertMessage(() -> sparse.evaluate(vectors, 4), "label vectors of 3 values",
          "only categorical_crossentropy");
    }
    try (Model one = Model.compile(classifier(false, Activation.SOFTMAX, 1), Adam.keras(),
        Loss.categoricalCrossentropy(), 3)) {
      assertMessage(() -> one.evaluate(vectors, 4), "one probability per class",
          "Dense(CLASSES, softmax)");
    }
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call,
      String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention '" + f + "'");
    }
  }

  private static int argmax(float[] values, int from) {
    int best = 0;
    for (int c = 1; c < 3; c++) {
      if (values[from + c] > values[from + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * A confidently wrong softmax: logits (30, 0, 0) for a sample of class 1. Keras's TensorFlow
   * backend computes the loss from the softmax's logits (its {@code _keras_logits}): 30, with a
   * gradient. Clipping the probability to 1e-7 would cap it at 16.12 with no gradient at all.
   */
  @Test
  void aSaturatedWrongSoftmaxKeepsItsExactLossAndGradient() {
    Sequential arch = Sequential.of(InputSpec.features(2, 2), new dev.rnnkit.layers.Flatten(),
        new Dense(3, Activation.SOFTMAX));
    SequenceData sparse = SequenceData.ofFeatures(new float[][][] {{{1, 0}, {0, 0}}},
        new float[] {1});
    for (Loss loss : List.of(Loss.sparseCategoricalCrossentropy(), Loss.categoricalCrossentropy())) {
      SequenceData data = loss.isCategorical() ? sparse.withCategoricalLabels(3) : sparse;
      try (Model model = Model.compile(arch, Adam.keras(), loss, 1)) {
        float[] kernel = new float[12];
        kernel[0] = 30; // input 0 to class 0
        model.setWeights(List.of(new Weight(model.weights().get(0).name(), new long[] {4, 3}, kernel),
            new Weight(model.weights().get(1).name(), new long[] {3}, new float[3])));
        double exact = 30 + Math.log(1 + 2 * Math.exp(-30)); // -log_softmax(z)[1]
        assertEquals(exact, model.evaluate(data, 1).loss(), 1e-5, loss.kerasName());
        float[] biasGradient = model.gradients(data).get(1);
        // d loss / d z = softmax(z) - onehot(1) = (1, -1, 0) up to e^-30.
        assertEquals(1, biasGradient[0], 1e-6, loss.kerasName());
        assertEquals(-1, biasGradient[1], 1e-6, loss.kerasName());
        assertEquals(0, biasGradient[2], 1e-6, loss.kerasName());
      }
    }
  }
}
