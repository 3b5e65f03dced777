package dev.rnnkit.train;

import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}, in every fit, first of its callbacks: once the loss is NaN or
 * infinite it ends the fit with a {@link TrainingDivergedException} (where Keras stops quietly),
 * so that no later callback saves weights that are no longer trustworthy.
 */
final class TerminateOnNaN implements Callback {

  private int epoch;

  @Override
  public void onEpochBegin(FitContext fit, int epoch) {
    this.epoch = epoch;
  }

  @Override
  public void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {
    double loss = logs.get("loss");
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(
          "The loss became " + loss + " at epoch " + (epoch + 1) + ", step " + (batch + 1)
              + ": training stopped. Lower the learning rate, or check the data for NaN or"
              + " extreme values.");
    }
  }
}
