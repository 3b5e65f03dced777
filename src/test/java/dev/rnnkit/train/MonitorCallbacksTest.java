package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EarlyStopping, ModelCheckpoint and ReduceLROnPlateau against Keras 3.15.1's code
 * (keras/src/callbacks/early_stopping.py, model_checkpoint.py, reduce_lr_on_plateau.py,
 * monitor_callback.py): scripted logs, epoch by epoch, and real fits where weights matter.
 */
class MonitorCallbacksTest {

  /** Runs {@code callback} over epochs whose {@code monitor} values are {@code values}, as a fit
   * calls it: until the end or until it stops the fit. The epochs it ran. */
  private static int script(Callback callback, String monitor, double... values) {
    FitContext fit = new FitContext(values.length, 1);
    callback.onTrainBegin(fit);
    int epoch = 0;
    for (; epoch < values.length; epoch++) {
      callback.onEpochBegin(fit, epoch);
      callback.onEpochEnd(fit, epoch, Map.of("loss", 0.5, monitor, values[epoch]));
      if (fit.stopRequested() && epoch + 1 < values.length) {
        epoch++;
        break;
      }
    }
    callback.onTrainEnd(fit, Map.of());
    return epoch;
  }

  @Test
  void kerasDefaultsWatchValLossAndStopAtTheFirstEpochWithoutImprovement() {
    EarlyStopping stopping = EarlyStopping.builder().build();
    assertEquals(3, script(stopping, "val_loss", 0.9, 0.8, 0.85, 0.7));
    assertEquals(2, stopping.stoppedEpoch());
    assertEquals(1, stopping.bestEpoch());
    assertEquals(0.8, stopping.best());
  }

  @Test
  void patienceCountsEpochsWithoutImprovement() {
    EarlyStopping stopping = EarlyStopping.builder().patience(2).build();
    // Epoch 3 (index 2) does not improve, epoch 4 does: waiting starts over.
    assertEquals(6, script(stopping, "val_loss", 0.9, 0.8, 0.85, 0.7, 0.71, 0.72, 0.5));
    assertEquals(5, stopping.stoppedEpoch());
    assertEquals(3, stopping.bestEpoch());
  }

  @Test
  void aFitThatKeepsImprovingRunsToTheEnd() {
    EarlyStopping stopping = EarlyStopping.builder().patience(1).build();
    assertEquals(4, script(stopping, "val_loss", 0.9, 0.8, 0.7, 0.6));
    assertEquals(0, stopping.stoppedEpoch());
    assertFalse(stopping.stopped());
  }

  @Test
  void minDeltaIsTheSmallestChangeThatCounts() {
    EarlyStopping stopping = EarlyStopping.builder().minDelta(-0.1).patience(0).build();
    // abs(min_delta) as Keras: 0.85 is only 0.05 below 0.9.
    assertEquals(2, script(stopping, "val_loss", 0.9, 0.85, 0.7));
    assertEquals(0.9, stopping.best());
  }

  @Test
  void accuraciesAreMaximizedInAutoMode() {
    EarlyStopping stopping = EarlyStopping.builder().monitor("val_accuracy").build();
    assertEquals(3, script(stopping, "val_accuracy", 0.6, 0.7, 0.65));
    assertEquals(1, stopping.bestEpoch());
    assertEquals(Monitor.Mode.MAX, new Monitor("last_step_accuracy", Monitor.Mode.AUTO, 0).mode());
    assertEquals(Monitor.Mode.MIN, new Monitor("loss", Monitor.Mode.AUTO, 0).mode());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> EarlyStopping.builder().monitor("val_auc").build());
    assertTrue(unknown.getMessage().contains("pass mode MIN or MAX"), unknown.getMessage());
    EarlyStopping explicit = EarlyStopping.builder().monitor("val_auc").mode(Monitor.Mode.MAX)
        .build();
    assertEquals(2, script(explicit, "val_auc", 0.6, 0.5, 0.9));
  }

  @Test
  void aBaselineKeepsTheWaitGoingAndStartFromEpochSkipsEpochs() {
    // Improving on the best but not on the baseline does not end the waiting (an improvement never
    // stops the fit, though): without a baseline, patience 2 would let epoch 3 pass.
    EarlyStopping baseline = EarlyStopping.builder().patience(2).baseline(0.5).build();
    assertEquals(3, script(baseline, "val_loss", 0.9, 0.8, 0.85, 0.7));
    assertEquals(2, baseline.stoppedEpoch());
    assertEquals(0.8, baseline.best());
    assertEquals(4, script(EarlyStopping.builder().patience(2).build(), "val_loss",
        0.9, 0.8, 0.85, 0.7));

    EarlyStopping later = EarlyStopping.builder().startFromEpoch(2).build();
    assertEquals(4, script(later, "val_loss", 0.5, 0.9, 0.8, 0.85, 0.1));
    assertEquals(2, later.bestEpoch(), "epochs 0 and 1 were not watched");
  }

  @Test
  void aMissingMonitorIsAWarningAndNoStop() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      EarlyStopping stopping = EarlyStopping.builder().build();
      assertEquals(3, script(stopping, "loss_typo", 0.9, 0.95, 0.99));
      assertNull(stopping.best());
    } finally {
      System.setErr(err);
    }
    assertTrue(captured.toString(StandardCharsets.UTF_8).contains("Early stopping conditioned on"
        + " metric `val_loss` which is not available. Available metrics are: "),
        captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void verboseMessagesAreKeras() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    script(EarlyStopping.builder().patience(1).verbose(out).build(), "val_loss",
        0.9, 0.8, 0.85, 0.86, 0.1);
    assertEquals("Epoch 3: early stopping\n", bytes.toString(StandardCharsets.UTF_8)
        .replace(System.lineSeparator(), "\n"));
  }

  @Test
  void builderRefusesNegativePatience() {
    assertThrows(IllegalArgumentException.class,
        () -> EarlyStopping.builder().patience(-1).build());
  }

  @Test
  void saveBestOnlySavesImprovementsOnly() {
    List<Integer> saved = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelCheckpoint checkpoint = ModelCheckpoint.builder("best.keras",
            (epoch, logs) -> saved.add(epoch))
        .saveBestOnly(true).verbose(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build();
    script(checkpoint, "val_loss", 0.9, 0.8, 0.85, 0.7, 0.7);
    assertEquals(List.of(0, 1, 3), saved, "equal is no improvement");
    assertEquals(3, checkpoint.savedEpoch());
    assertEquals(0.7, checkpoint.best());
    String log = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    assertTrue(log.startsWith("\nEpoch 1: val_loss improved from None to 0.90000, saving model to"
        + " best.keras\n\nEpoch 1: finished saving model to best.keras\n\nEpoch 2: val_loss"
        + " improved from 0.90000 to 0.80000"), log);
    assertTrue(log.contains("\nEpoch 3: val_loss did not improve from 0.80000\n"), log);
  }

  @Test
  void withoutSaveBestOnlyEveryEpochIsSaved() {
    List<Integer> saved = new ArrayList<>();
    ModelCheckpoint checkpoint = ModelCheckpoint.builder("m.keras",
        (epoch, logs) -> saved.add(epoch)).build();
    script(checkpoint, "val_loss", 0.9, 0.95, 0.99);
    assertEquals(List.of(0, 1, 2), saved);
  }

  @Test
  void initialValueThresholdMustBeBeaten() {
    List<Integer> saved = new ArrayList<>();
    ModelCheckpoint checkpoint = ModelCheckpoint.builder("m.keras",
            (epoch, logs) -> saved.add(epoch))
        .monitor("val_accuracy").saveBestOnly(true).initialValueThreshold(0.8).build();
    script(checkpoint, "val_accuracy", 0.7, 0.9, 0.85);
    assertEquals(List.of(1), saved);
    assertEquals(1, checkpoint.savedEpoch());
  }

  // A real fit: 40 sequences of 12 ids, LSTM on a 200-word vocabulary.
  private static final SequenceData TRAIN = SyntheticTask.tokens(40, 12, 200, 1);
  private static final SequenceData VALIDATION = SyntheticTask.tokens(20, 12, 200, 2);

  @Test
  void restoreBestWeightsLeavesTheBestEpochsWeights() {
    try (Model model = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 200, 12),
        4)) {
      List<List<Weight>> perEpoch = new ArrayList<>();
      Callback recordWeights = new Callback() {
        @Override
        public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
          perEpoch.add(model.weights());
        }
      };
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      // Monitor the training loss with a patience that never stops: Keras 3 restores at the end
      // of a fit that ran all its epochs too. Monitoring val_loss in max mode makes the best
      // epoch an early one, so restoring visibly changes the weights.
      EarlyStopping stopping = EarlyStopping.builder().mode(Monitor.Mode.MAX).patience(10)
          .restoreBestWeights(model).verbose(new PrintStream(bytes, true, StandardCharsets.UTF_8))
          .build();
      History history = Trainer.fit(model, TRAIN, FitOptions.builder().epochs(4).batchSize(8)
          .validationData(VALIDATION).progressOut(null).callbacks(recordWeights, stopping).build());
      List<Double> valLoss = history.get("val_loss");
      int best = valLoss.indexOf(valLoss.stream().max(Double::compare).orElseThrow());
      assertEquals(best, stopping.bestEpoch());
      assertFalse(history.stoppedEarly());
      List<Weight> now = model.weights();
      for (int i = 0; i < now.size(); i++) {
        assertArrayEquals(perEpoch.get(best).get(i).values(), now.get(i).values(),
            now.get(i).name());
      }
      assertEquals("Restoring model weights from the end of the best epoch: " + (best + 1) + ".\n",
          bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
  }

  private static Model tinyModel() {
    return Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 200, 12), 4);
  }

  @Test
  void reduceLrOnPlateauAsKeras() {
    try (Model model = tinyModel()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ReduceLROnPlateau reduce = ReduceLROnPlateau.builder(model).patience(1).cooldown(2)
          .verbose(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build();
      // Epoch 2 (index 1) waits 1: reduce to 1e-4. Epoch 3 is cooldown. Epoch 4 (the cooldown
      // counter reached 0 at its start, as in Keras) waits 1: 1e-5. 0.89995 is within Keras's
      // default min_delta 1e-4 of 0.9: no improvement.
      script(reduce, "val_loss", 0.9, 0.89995, 0.95, 0.96, 0.5);
      assertEquals((float) (0.001f * 0.1 * 0.1), model.learningRate());
      assertEquals("\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.00010000000474974513."
          + "\n\nEpoch 4: ReduceLROnPlateau reducing learning rate to 1.0000000474974514e-05.\n",
          bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
  }

  @Test
  void reduceLrOnPlateauStopsAtMinLr() {
    try (Model model = tinyModel()) {
      ReduceLROnPlateau reduce = ReduceLROnPlateau.builder(model).patience(0).factor(0.5)
          .minLr(0.0004).build();
      script(reduce, "val_loss", 0.9, 0.95, 0.96, 0.97);
      assertEquals(0.0004f, model.learningRate(), "0.001, 0.0005, then max(0.00025, min_lr)");
      assertThrows(IllegalArgumentException.class,
          () -> ReduceLROnPlateau.builder(model).factor(1.0).build());
    }
  }

  @Test
  void pythonReprOfRates() {
    assertEquals("0.0001", ReduceLROnPlateau.pythonRepr(0.0001));
    assertEquals("1e-05", ReduceLROnPlateau.pythonRepr(0.00001));
    assertEquals("0.5", ReduceLROnPlateau.pythonRepr(0.5));
    assertEquals("1.0", ReduceLROnPlateau.pythonRepr(1.0));
    assertEquals("2.5e-07", ReduceLROnPlateau.pythonRepr(2.5e-7));
  }

  /** A lowered learning rate reaches the next steps: the same fit ends elsewhere. */
  @Test
  void aChangedLearningRateChangesTheSteps() {
    FitOptions options = FitOptions.builder().epochs(1).batchSize(8).progressOut(null).build();
    try (Model keras = tinyModel(); Model lowered = tinyModel()) {
      lowered.setLearningRate(0.0001f);
      Trainer.fit(keras, TRAIN, options);
      Trainer.fit(lowered, TRAIN, options);
      float[] a = keras.weights().get(0).values();
      float[] b = lowered.weights().get(0).values();
      assertFalse(java.util.Arrays.equals(a, b));
      assertEquals(0.001f, keras.learningRate());
      assertThrows(IllegalArgumentException.class, () -> keras.setLearningRate(0));
    }
  }
}
