package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.train.EarlyStopping;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of a public tf.keras fake-news classifier, built in Java: texts of their own lengths
 * (a masked Embedding), LSTM(100) with dropout 0.2 and recurrent_dropout 0.2, Dense(3, softmax),
 * categorical cross-entropy on one-hot labels, Adam, early stopping on the validation loss. It
 * trains, exports to {@code .keras}, and imports back with the same predictions, dropout rates,
 * loss and optimizer.
 *
 * <p>The data is a three-class task a model can only solve by reading tokens: each class has its
 * own marker tokens scattered in random filler, at lengths 4 to 30.
 */
class FakeNewsShapedModelTest {

  private static final int VOCABULARY = 120;
  private static final int CLASSES = 3;

  @Test
  void trainsWithCategoricalCrossentropyAndEarlyStoppingThenRoundTripsThroughDotKeras(
      @TempDir Path dir) throws Exception {
    SequenceData train = articles(360, 11);
    SequenceData test = articles(90, 12);
    Sequential architecture = Sequential.of(InputSpec.openTokens(),
        new Embedding(null, VOCABULARY, 16, true),
        new LSTM(100, false).withDropout(0.2f).withRecurrentDropout(0.2f),
        new Dense(CLASSES, Activation.SOFTMAX));
    Path file = dir.resolve("fake-news.keras");
    float[][] before;
    try (Model model = Model.compile(architecture, Adam.keras(), Loss.categoricalCrossentropy(), 7)) {
      EarlyStopping stop = EarlyStopping.builder().monitor("val_loss").patience(2)
          .restoreBestWeights(model).build();
      History history = Trainer.fit(model, train, FitOptions.builder().progressOut(null)
          .epochs(20).batchSize(32).validationSplit(0.2).callbacks(stop).build());
      int epochs = history.metrics().get("loss").size();
      assertTrue(stop.stopped() || epochs == 20, "ran " + epochs + " epochs");
      assertTrue(history.metrics().containsKey("val_accuracy"), history.metrics().keySet().toString());
      // restore_best_weights: the model ends with the weights of its lowest val_loss, which
      // fit measured on the last 20% of the training data (Keras's validation_split).
      List<Double> valLoss = history.metrics().get("val_loss");
      double lowest = valLoss.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      assertEquals(valLoss.indexOf(lowest), stop.bestEpoch());
      SequenceData validation = train.slice((int) Math.floor(train.size() * 0.8), train.size());
      assertEquals(lowest, model.evaluate(validation, 32).loss(), 1e-5);
      // Chance is 1/3: a model that learned nothing from the tokens cannot pass this.
      double accuracy = model.evaluate(test, 45).get("accuracy");
      assertTrue(accuracy > 0.8, "test accuracy " + accuracy);
      before = model.predict(test, 45);
      KerasExporter.saveKeras(model, file);
    }

    ImportedModel imported = KerasImporter.importModel(file);
    RecurrentLayer lstm = (RecurrentLayer) imported.architecture().layers().get(1);
    assertEquals(0.2f, lstm.options().dropout());
    assertEquals(0.2f, lstm.options().recurrentDropout());
    assertTrue(imported.architecture().input().isOpenLength());
    assertTrue(imported.loss().isCategorical(), imported.loss().kerasName());
    assertInstanceOf(Adam.class, imported.optimizer());
    assertEquals(List.of("accuracy"), imported.compileConfig().metrics());
    try (Model back = imported.compile()) {
      float[][] after = back.predict(test, 45);
      for (int i = 0; i < before.length; i++) {
        for (int c = 0; c < CLASSES; c++) {
          assertEquals(before[i][c], after[i][c], 1e-6, "text " + i + ", class " + c);
        }
      }
      // It keeps training with the file's own loss: categorical labels are what it takes.
      Trainer.fit(back, train, FitOptions.builder().progressOut(null).epochs(1).batchSize(32).build());
    }
  }

  /** Texts of 4 to 30 ids; class c's texts hold 1-3 of its marker ids 3c+1..3c+3 among filler. */
  private static SequenceData articles(int count, long seed) {
    Random random = new Random(seed);
    int[][] texts = new int[count][];
    float[] classes = new float[count];
    for (int i = 0; i < count; i++) {
      int c = i % CLASSES;
      int[] text = new int[4 + random.nextInt(27)];
      for (int t = 0; t < text.length; t++) {
        text[t] = 10 + random.nextInt(VOCABULARY - 10);
      }
      int markers = 1 + random.nextInt(3);
      for (int m = 0; m < markers; m++) {
        text[random.nextInt(text.length)] = 3 * c + 1 + random.nextInt(3);
      }
      texts[i] = text;
      classes[i] = c;
    }
    return SequenceData.ofRaggedTokens(texts, classes).withCategoricalLabels(CLASSES);
  }
}
