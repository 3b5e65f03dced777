package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a fit calls its callbacks, with what, and what a callback can do to the fit. */
class CallbackTest {

  // 40 sequences in batches of 16: 3 steps per epoch.
  private static final SequenceData TRAIN = SyntheticTask.tokens(40, 6, 50, 1);
  private static final SequenceData VALIDATION = SyntheticTask.tokens(10, 6, 50, 2);

  /** Writes down every call, and stops the fit at a chosen point if given one. */
  private static final class Recorder implements Callback {
    final List<String> calls = new ArrayList<>();
    final List<Map<String, Double>> epochLogs = new ArrayList<>();
    final List<Integer> historyEpochsAtEpochEnd = new ArrayList<>();
    private final String stopAt;

    Recorder(String stopAt) {
      this.stopAt = stopAt;
    }

    private void call(FitContext fit, String what) {
      calls.add(what);
      if (what.equals(stopAt)) {
        fit.stopTraining();
      }
    }

    @Override
    public void onTrainBegin(FitContext fit) {
      call(fit, "train_begin");
    }

    @Override
    public void onTrainEnd(FitContext fit, Map<String, Double> logs) {
      call(fit, "train_end");
    }

    @Override
    public void onEpochBegin(FitContext fit, int epoch) {
      call(fit, "epoch_begin " + epoch);
    }

    @Override
    public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
      epochLogs.add(logs);
      historyEpochsAtEpochEnd.add(fit.history().epochs());
      call(fit, "epoch_end " + epoch);
    }

    @Override
    public void onTrainBatchBegin(FitContext fit, int batch) {
      call(fit, "batch_begin " + batch);
    }

    @Override
    public void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {
      call(fit, "batch_end " + batch);
    }

    @Override
    public void onTestBegin(FitContext fit) {
      call(fit, "test_begin");
    }

    @Override
    public void onTestEnd(FitContext fit, Map<String, Double> logs) {
      call(fit, "test_end " + logs.keySet());
    }
  }

  private static FitOptions.Builder options(Callback... callbacks) {
    return FitOptions.builder().epochs(2).batchSize(16).validationData(VALIDATION)
        .progressOut(null).callbacks(callbacks);
  }

  @Test
  void callbacksAreCalledInKerasOrderWithIndexesFromZero() {
    Recorder recorder = new Recorder(null);
    History history = FitLoop.fit(new RecordingModel(), TRAIN, options(recorder).build());
    List<String> epoch = List.of("batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1",
        "batch_begin 2", "batch_end 2", "test_begin", "test_end [loss, accuracy]");
    List<String> expected = new ArrayList<>(List.of("train_begin", "epoch_begin 0"));
    expected.addAll(epoch);
    expected.addAll(List.of("epoch_end 0", "epoch_begin 1"));
    expected.addAll(epoch);
    expected.addAll(List.of("epoch_end 1", "train_end"));
    assertEquals(expected, recorder.calls);
    assertEquals(List.of(1, 2), recorder.historyEpochsAtEpochEnd, "history has the epoch first");
    assertEquals(Map.of("loss", 0.5, "accuracy", 1.0, "val_loss", 0.25, "val_accuracy", 1.0),
        recorder.epochLogs.get(0));
    assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"),
        List.copyOf(history.metrics().keySet()));
    assertFalse(history.stoppedEarly());
  }

  @Test
  void aStopAfterABatchEndsTheFitThereWithItsPosition() {
    Recorder recorder = new Recorder("batch_end 1");
    List<FitState> atEnd = new ArrayList<>();
    Callback position = new Callback() {
      @Override
      public void onTrainEnd(FitContext fit, Map<String, Double> logs) {
        atEnd.add(fit.state());
      }
    };
    RecordingModel model = new RecordingModel();
    History history = FitLoop.fit(model, TRAIN, options(recorder, position).build());
    assertEquals(List.of("train_begin", "epoch_begin 0", "batch_begin 0", "batch_end 0",
        "batch_begin 1", "batch_end 1", "train_end"), recorder.calls);
    assertTrue(history.stoppedEarly());
    assertEquals(0, history.epochs());
    assertEquals(List.of(16, 16), model.trainBatchRows);
    FitState state = atEnd.get(0);
    assertEquals(1, state.epoch());
    assertEquals(2, state.step());
    assertEquals(0.5 * 32, state.lossSum());
    assertEquals(32, state.samples());
  }

  @Test
  void aStopAtAnEpochsEndFinishesThatEpoch() {
    Recorder recorder = new Recorder("epoch_end 0");
    History history = FitLoop.fit(new RecordingModel(), TRAIN, options(recorder).build());
    assertEquals("epoch_end 0", recorder.calls.get(recorder.calls.size() - 2));
    assertEquals("train_end", recorder.calls.get(recorder.calls.size() - 1));
    assertEquals(1, history.epochs());
    assertTrue(history.stoppedEarly());
  }

  @Test
  void aStopDuringTheLastEpochIsNotAnEarlyStop() {
    Recorder recorder = new Recorder("batch_end 2");
    History history = FitLoop.fit(new RecordingModel(), TRAIN, options(recorder).epochs(1).build());
    assertEquals(1, history.epochs());
    assertFalse(history.stoppedEarly());
  }

  @Test
  void aNanLossEndsTheFitBeforeOtherCallbacksSeeIt() {
    Recorder recorder = new Recorder(null);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> FitLoop.fit(new RecordingModel(Double.NaN), TRAIN, options(recorder).build()));
    assertTrue(e.getMessage().startsWith("The loss became NaN at epoch 1, step 1: training"
        + " stopped."), e.getMessage());
    assertEquals(List.of("train_begin", "epoch_begin 0", "batch_begin 0"), recorder.calls);
  }

  @Test
  void logsCannotBeChangedByACallback() {
    Callback vandal = new Callback() {
      @Override
      public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
        logs.put("loss", 0.0);
      }
    };
    assertThrows(UnsupportedOperationException.class,
        () -> FitLoop.fit(new RecordingModel(), TRAIN, options(vandal).build()));
  }

  @Test
  void theProgressBarComesLastAndPrintsTheEpochsLogs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Callback announcer = new Callback() {
      @Override
      public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
        out.println("callback saw epoch " + epoch);
      }
    };
    FitLoop.fit(new RecordingModel(), TRAIN, options(announcer).epochs(1).progressOut(out).build());
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("Epoch 1/1", lines[0]);
    assertEquals("callback saw epoch 0", lines[1]);
    assertTrue(lines[2].startsWith("3/3 [==============================] - "), lines[2]);
    assertTrue(lines[2].endsWith(" - loss: 0.5000 - accuracy: 1.0000 - val_loss: 0.2500"
        + " - val_accuracy: 1.0000"), lines[2]);
  }
}
