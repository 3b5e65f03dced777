package dev.rnnkit.train;

import java.util.Map;

/**
 * Keras's {@code Callback}: a fit calls these at its points, in the order of {@link
 * FitOptions#callbacks()}, and a callback may stop the fit with {@link FitContext#stopTraining()}
 * (Keras's {@code model.stop_training = True}). Every method does nothing unless overridden.
 *
 * <p>As in Keras, {@code epoch} and {@code batch} are indexes from 0 (epoch 0 is printed as
 * "Epoch 1/10"), and {@code logs} map metric names to values: at a batch's end the epoch's
 * running means ({@code loss}, {@code accuracy}, ...), at an epoch's end those and the
 * validation's ({@code val_loss}, ...). Logs are read-only, and {@link History} has recorded an
 * epoch before its {@code onEpochEnd} is called.
 *
 * <p>A stop requested after a batch that is not its epoch's last ends the fit there, without
 * that epoch's validation or {@code onEpochEnd} (Keras would finish the epoch first): the epoch
 * stays incomplete, {@link History#stoppedEarly()} says so, and {@link FitContext#state()} is
 * where a resumed fit continues it. Requested later, the fit stops after the epoch's end.
 *
 * <p>A callback that throws ends the fit with that exception; {@code onTrainEnd} is not called.
 */
public interface Callback {

  /** Before the first batch; the place to restore a saved fit ({@link FitContext#resumeFrom}). */
  default void onTrainBegin(FitContext fit) {}

  /** After the last epoch, or after the batch or epoch at which the fit was stopped. */
  default void onTrainEnd(FitContext fit, Map<String, Double> logs) {}

  default void onEpochBegin(FitContext fit, int epoch) {}

  default void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {}

  default void onTrainBatchBegin(FitContext fit, int batch) {}

  default void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {}

  /** Before the validation pass at an epoch's end (after its last training batch). */
  default void onTestBegin(FitContext fit) {}

  /** After the validation pass; {@code logs} are its metrics, without the {@code val_} prefix. */
  default void onTestEnd(FitContext fit, Map<String, Double> logs) {}
}
