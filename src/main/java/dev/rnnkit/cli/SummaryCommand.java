package dev.rnnkit.cli;

import dev.rnnkit.model.ArticleModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the Keras summary (layer, output shape, params) of an article model.")
final class SummaryCommand implements Runnable {

  @Option(names = "--arch", defaultValue = "lstm", converter = CellConverter.class,
      description = "lstm, gru or gru-reset-before (GRU with reset_after=False). Default: ${DEFAULT-VALUE}.")
  ArticleModels.Cell cell;

  @Option(names = "--return-sequences", defaultValue = "true", arity = "1",
      description = "true: the article's graph, output [batch, 50, 1]; false: many-to-one. Default: ${DEFAULT-VALUE}.")
  boolean returnSequences;

  @Override
  public void run() {
    System.out.print(ArticleModels.build(cell, returnSequences).summary());
  }
}
