package dev.rnnkit.model;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import java.util.Locale;

/**
 * The article's two models: Embedding(10000, 64) over 50 token ids -> LSTM(64) or GRU(64) ->
 * Dense(64, relu) -> Dense(1, sigmoid). With {@code returnSequences} (as printed) the Dense
 * layers apply to every time step and the output is [batch, 50, 1].
 */
public final class ArticleModels {

  public static final int VOCABULARY = 10_000;
  public static final int SEQUENCE_LENGTH = 50;
  public static final int EMBEDDING_DIM = 64;
  public static final int UNITS = 64;

  /** The recurrent cell of an article model. */
  public enum Cell {
    LSTM,
    GRU,
    /** GRU with reset_after=False: the formula printed in the article (Cho et al. 2014). */
    GRU_RESET_BEFORE,
    /**
     * Beyond the article, Keras's standard text classifier: Bidirectional(LSTM(64)) over
     * Embedding(mask_zero=True), so padding is skipped, with the article's Dense head.
     */
    BILSTM;

    /** The article's cells, which the comparison compares. */
    public static final java.util.List<Cell> ARTICLE = java.util.List.of(LSTM, GRU, GRU_RESET_BEFORE);

    public static Cell parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "lstm" -> LSTM;
        case "gru" -> GRU;
        case "gru-reset-before", "gru_v1", "gru-classic" -> GRU_RESET_BEFORE;
        case "bilstm" -> BILSTM;
        default -> throw new IllegalArgumentException(
            "Unknown architecture '" + text + "': use lstm, gru, gru-reset-before or bilstm");
      };
    }

    public String cliName() {
      return this == GRU_RESET_BEFORE ? "gru-reset-before" : name().toLowerCase(Locale.ROOT);
    }
  }

  private ArticleModels() {}

  public static Sequential build(Cell cell, boolean returnSequences) {
    return build(cell, returnSequences, VOCABULARY, SEQUENCE_LENGTH);
  }

  /**
   * The article's model with another vocabulary or sequence length ({@link
   * InputSpec#OPEN_LENGTH}: any length per batch).
   */
  public static Sequential build(Cell cell, boolean returnSequences, int vocabulary, int length) {
    return build(cell, returnSequences, vocabulary, length, 2);
  }

  /**
   * The article's model for {@code classes} classes: with 2 the article's Dense(1, sigmoid)
   * (binary cross-entropy), with more Dense(classes, softmax) for sparse categorical
   * cross-entropy ({@link Sequential#fittingLoss} picks the loss).
   */
  public static Sequential build(Cell cell, boolean returnSequences, int vocabulary, int length,
      int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + classes);
    }
    Layer rnn = switch (cell) {
      case LSTM -> new LSTM(UNITS, returnSequences);
      case GRU -> new GRU(null, UNITS, returnSequences, true);
      case GRU_RESET_BEFORE -> new GRU(null, UNITS, returnSequences, false);
      case BILSTM -> new Bidirectional(new LSTM(UNITS, returnSequences));
    };
    return Sequential.of(
        InputSpec.tokens(length),
        new Embedding(null, vocabulary, EMBEDDING_DIM, cell == Cell.BILSTM),
        rnn,
        new Dense(64, Activation.RELU),
        classes == 2 ? new Dense(1, Activation.SIGMOID) : new Dense(classes, Activation.SOFTMAX));
  }

}
