package dev.rnnkit.compare;

import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.model.Sequential;

/**
 * What a model is, whatever the seed: its parameters (whole model and recurrent layer alone) and
 * its forward FLOPs per sequence (2 per multiply-add), all computed from the architecture.
 */
public record ModelFacts(
    Cell cell, String name, long params, long recurrentParams, long forwardFlopsPerSample) {

  public static ModelFacts of(Cell cell, Sequential architecture) {
    long recurrent = 0;
    for (int i = 0; i < architecture.layers().size(); i++) {
      if (architecture.layers().get(i) instanceof RecurrentLayer layer) {
        recurrent += layer.paramCount(architecture.inputShapeOf(i));
      }
    }
    return new ModelFacts(cell, displayName(cell), architecture.paramCount(), recurrent,
        architecture.forwardFlopsPerSample());
  }

  /** How reports name a cell; the GRU names say which Keras variant it is. */
  public static String displayName(Cell cell) {
    return switch (cell) {
      case LSTM -> "LSTM";
      case GRU -> "GRU (reset_after=True)";
      case GRU_RESET_BEFORE -> "GRU (reset_after=False)";
      case BILSTM -> "Bidirectional(LSTM) over a masked Embedding";
    };
  }
}
