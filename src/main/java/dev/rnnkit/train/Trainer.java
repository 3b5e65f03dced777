package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.Model;

/**
 * Keras's {@code model.fit}, for every RNNKit model: {@code Trainer.fit(model, data, options)}.
 * Training is here and not in {@link Model}, which holds the graph, the weights, evaluate and
 * predict; what a fit does besides its steps (progress, checkpoints, stopping) is a {@link
 * Callback} in its {@link FitOptions}.
 */
public final class Trainer {

  private Trainer() {}

  /**
   * Fits {@code model} on {@code data}, changing its weights and optimizer state; the history of
   * every epoch. Data the model cannot take is refused before the first step.
   *
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public static History fit(Model model, SequenceData data, FitOptions options) {
    model.checkTrainingData(data, "training");
    if (options.validationData() != null) {
      model.checkTrainingData(options.validationData(), "validation");
    }
    return FitLoop.fit(model, data, options);
  }
}
