package dev.rnnkit.cli;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.examples.ArticleExample;
import dev.rnnkit.examples.ResumableFit;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.report.LearningCurves;
import dev.rnnkit.savedmodel.ModelDirectory;
import dev.rnnkit.train.CheckpointFile;
import dev.rnnkit.train.RunMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train one of the article's models (Embedding 10000x64 -> LSTM/GRU 64 -> Dense 64"
        + " relu -> Dense 1 sigmoid; Adam, binary cross-entropy).",
        "Writes DIR/metrics.json, DIR/learning-curves.png, the model as a SavedModel in DIR/model"
        + " and a checkpoint after every epoch in DIR/checkpoint.bin (--resume continues from it;"
        + " Ctrl-C saves one and stops).",
        "The printed graph (--return-sequences true) gives every time step the sequence's label;"
        + " accuracy is reported over all steps and on the last step."})
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--arch", defaultValue = "lstm", converter = CellConverter.class,
      description = "lstm, gru or gru-reset-before. Default: ${DEFAULT-VALUE}.")
  ArticleModels.Cell cell;

  @Option(names = "--return-sequences", defaultValue = "true", arity = "1",
      description = "true: the article's graph; false: many-to-one. Default: ${DEFAULT-VALUE}.")
  boolean returnSequences;

  @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of initial weights and shuffling. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--data", defaultValue = "synthetic",
      description = "Data set: synthetic (generated, seeded). Default: ${DEFAULT-VALUE}.")
  String data;

  @Option(names = "--out", description = "Output folder. Default: out/ARCH.")
  Path out;

  @Option(names = "--resume",
      description = "Continue from DIR/checkpoint.bin (same settings; --epochs may grow).")
  boolean resume;

  @Option(names = "--force", description = "Replace a model already in DIR/model.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (!data.equals("synthetic")) {
      throw new IllegalArgumentException("Unknown --data '" + data + "': use synthetic");
    }
    SequenceData train = SyntheticTask.tokens(4000, ArticleModels.SEQUENCE_LENGTH, ArticleModels.VOCABULARY, seed);
    SequenceData test = SyntheticTask.tokens(1000, ArticleModels.SEQUENCE_LENGTH, ArticleModels.VOCABULARY, seed + 1);
    ArticleExample.Settings settings =
        new ArticleExample.Settings(cell, returnSequences, epochs, batchSize, seed);
    Path dir = out != null ? out : Path.of("out", cell.cliName());
    Path modelDir = dir.resolve("model");
    if (!resume && !force && ModelDirectory.isModelDirectory(modelDir)) {
      throw new IllegalArgumentException("A model is already in " + modelDir
          + ": pass --force to replace it, --resume to continue its run, or another --out");
    }
    var checkpointing = new ResumableFit.Checkpointing(dir.resolve(CheckpointFile.FILE_NAME), resume,
        ArticleExample.identity(settings, data), null);
    try (GracefulStop stop = new GracefulStop();
        ArticleExample.Outcome outcome = ArticleExample.run(settings,
            ArticleExample.articleModel(settings), train, test, data, System.out, checkpointing,
            stop::requested)) {
      if (outcome.stoppedEarly()) {
        System.out.println("Stopped: checkpoint saved in " + checkpointing.file()
            + "; run the same command with --resume to continue.");
        return 130;
      }
      RunMetrics m = outcome.metrics();
      Json.write(dir.resolve("metrics.json"), m);
      LearningCurves.writePng(LearningCurves.plot(cell.cliName(), Map.of(cell.cliName(), m.history())),
          dir.resolve("learning-curves.png"));
      ModelDirectory.save(outcome.model(), modelDir, null, 0, true);
      System.out.printf(Locale.ROOT,
          "Test: loss %.4f, accuracy %.4f (all steps), %.4f (last step); best epoch %d.%n"
              + "Wrote %s, learning-curves.png and the model in %s%n",
          m.testLoss(), m.testAccuracyAllSteps(), m.testAccuracyLastStep(), m.bestEpoch(),
          dir.resolve("metrics.json"), modelDir);
    }
    return 0;
  }
}
