package dev.rnnkit.cli;

import dev.rnnkit.model.ArticleModels;
import picocli.CommandLine.Option;

/** Which of the article's models a command builds. */
final class ArchitectureOption {

  @Option(names = "--arch", defaultValue = "lstm", converter = CellConverter.class,
      description = "lstm, gru, gru-reset-before (GRU with reset_after=False, the article's"
          + " formula) or bilstm (Bidirectional(LSTM) over Embedding(mask_zero=True): padding"
          + " is skipped). Default: ${DEFAULT-VALUE}.")
  ArticleModels.Cell cell;
}
