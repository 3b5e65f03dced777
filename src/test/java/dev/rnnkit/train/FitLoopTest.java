package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fit loop's use of its options, against a model that records what it was asked. */
class FitLoopTest {

  /** Continues a saved fit from {@code state}, as {@link BackupAndRestore} does. */
  private static Callback resumingFrom(FitState state) {
    return new Callback() {
      @Override
      public void onTrainBegin(FitContext fit) {
        fit.resumeFrom(state);
      }
    };
  }

  private static final SequenceData TRAIN = SyntheticTask.tokens(100, 6, 50, 1);
  private static final SequenceData VALIDATION = SyntheticTask.tokens(30, 6, 50, 2);

  @Test
  void validationRunsAtTheFitsBatchSizeUnlessToldOtherwise() {
    RecordingModel keras = new RecordingModel();
    FitLoop.fit(keras, TRAIN, FitOptions.builder().epochs(2).batchSize(16)
        .validationData(VALIDATION).progressOut(null).build());
    assertEquals(List.of(16, 16), keras.evaluationBatchSizes);

    RecordingModel larger = new RecordingModel();
    History history = FitLoop.fit(larger, TRAIN, FitOptions.builder().epochs(2).batchSize(16)
        .validationData(VALIDATION).validationBatchSize(256).progressOut(null).build());
    assertEquals(List.of(256, 256), larger.evaluationBatchSizes);
    // Training is untouched: 100 sequences in batches of 16, twice.
    assertEquals(keras.trainBatchRows, larger.trainBatchRows);
    assertEquals(14, larger.trainBatchRows.size());
    assertEquals(List.of(0.25, 0.25), history.get("val_loss"));
  }

  @Test
  void aNegativeValidationBatchSizeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.builder().validationBatchSize(-1).build());
    assertTrue(e.getMessage().contains("validation batch size"), e.getMessage());
  }

  @Test
  void aSavedStepPastTheEpochsEndIsRefusedInsteadOfSkippingTheEpoch() {
    // 100 sequences in batches of 16: 7 steps per epoch, so step 7 of epoch 1 cannot exist.
    FitState pastTheEnd = new FitState(1, 7, 1, 16, 8, 16, 8, 16, 0, Map.of(), List.of());
    RecordingModel model = new RecordingModel();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitLoop.fit(model, TRAIN, FitOptions.builder().epochs(2).batchSize(16)
            .callbacks(resumingFrom(pastTheEnd)).progressOut(null).build()));
    assertTrue(e.getMessage().contains("Cannot resume at step 7 of epoch 1: an epoch of this data"
        + " has 7 steps"), e.getMessage());
    assertEquals(List.of(), model.trainBatchRows, "nothing trained");
  }

  @Test
  void aStateWithMoreFinishedEpochsThanTheFitIsRefused() {
    FitState twoDone = new FitState(3, 0, 0, 0, 0, 0, 0, 0, 0,
        Map.of("loss", List.of(0.6, 0.5)), List.of(1.0, 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitLoop.fit(new RecordingModel(), TRAIN, FitOptions.builder().epochs(1)
            .batchSize(16).callbacks(resumingFrom(twoDone)).progressOut(null).build()));
    assertTrue(e.getMessage().contains("finished 2 epochs with only 1 epochs: ask for at least 2"),
        e.getMessage());
  }
}
