package dev.rnnkit.cli;

import dev.rnnkit.examples.ArticleExample;
import picocli.CommandLine.Option;

/**
 * When a training command stops and which epoch's model it saves: Keras's EarlyStopping and
 * ModelCheckpoint(save_best_only), both on val_loss. Without them, every epoch runs and the last
 * one's model is saved, as in the article.
 */
final class SelectionOptions {

  @Option(names = "--early-stopping", paramLabel = "PATIENCE",
      description = "Stop once val_loss has not improved for PATIENCE epochs (Keras's"
          + " EarlyStopping(patience=PATIENCE)); the metrics keep the epochs run.")
  Integer earlyStoppingPatience;

  @Option(names = "--save-best",
      description = "Save the model of the epoch with the lowest val_loss (Keras's"
          + " ModelCheckpoint(save_best_only=True)) instead of the last epoch's, and say which;"
          + " the test figures are that model's. After --resume, the best of the epochs run since.")
  boolean saveBest;

  ArticleExample.Selection selection() {
    return new ArticleExample.Selection(earlyStoppingPatience, saveBest);
  }
}
