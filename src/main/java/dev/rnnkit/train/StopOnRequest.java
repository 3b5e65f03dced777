package dev.rnnkit.train;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Stops the fit once {@code requested} answers true, asked after every batch and every epoch:
 * how Ctrl-C ends a run between two steps instead of in one. With a {@link BackupAndRestore}
 * among the callbacks, the point reached is saved and the run can continue from it.
 */
public final class StopOnRequest implements Callback {

  private final BooleanSupplier requested;

  public StopOnRequest(BooleanSupplier requested) {
    this.requested = requested;
  }

  @Override
  public void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {
    stopIfRequested(fit);
  }

  /** A request made during the epoch's validation pass counts as well. */
  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    stopIfRequested(fit);
  }

  private void stopIfRequested(FitContext fit) {
    if (requested.getAsBoolean()) {
      fit.stopTraining();
    }
  }
}
