package dev.rnnkit.cli;

import dev.rnnkit.model.ArticleModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print the Keras summary (layer, output shape, params) of an article model.")
final class SummaryCommand implements Runnable {

  @Mixin ArchitectureOption architecture;

  @Mixin ReturnSequencesOption output;

  @Override
  public void run() {
    System.out.print(ArticleModels.build(architecture.cell, output.returnSequences(architecture.cell)).summary());
  }
}
