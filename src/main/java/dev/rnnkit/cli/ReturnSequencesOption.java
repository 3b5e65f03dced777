package dev.rnnkit.cli;

import dev.rnnkit.model.ArticleModels;
import picocli.CommandLine.Option;

/** Whether the article's models give an output per time step, as printed, or one per sequence. */
final class ReturnSequencesOption {

  @Option(names = "--return-sequences", paramLabel = "true|false", arity = "1",
      description = "true: the article's graph, an output per time step ([batch, 50, 1]); false:"
          + " many-to-one. Default: true, but false for bilstm (Keras's text classifier).")
  Boolean returnSequences;

  /** The option, or the default of {@code cell}'s model when it is not given. */
  boolean returnSequences(ArticleModels.Cell cell) {
    return returnSequences != null ? returnSequences : cell != ArticleModels.Cell.BILSTM;
  }
}
