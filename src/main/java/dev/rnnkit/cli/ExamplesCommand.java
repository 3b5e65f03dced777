package dev.rnnkit.cli;

import dev.rnnkit.data.TrainingData;
import dev.rnnkit.examples.ArticleExample;
import dev.rnnkit.examples.ExamplesTable;
import dev.rnnkit.examples.RunFolder;
import dev.rnnkit.examples.RunOutput;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.report.LearningCurves;
import dev.rnnkit.examples.RunMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "examples", mixinStandardHelpOptions = true,
    description = {"The article's two examples end to end: Embedding(10000, 64) -> LSTM(64) or"
        + " GRU(64), return_sequences=True -> Dense(64, relu) -> Dense(1, sigmoid); Adam (or --optimizer), binary"
        + " cross-entropy, 10 epochs at batch 32, on the IMDB reviews (downloaded with npm on first"
        + " use).",
        "Writes OUT/lstm and OUT/gru (each: model/ with its metrics.json and learning-curves.png,"
        + " and checkpoint.bin), OUT/learning-curves.png and"
        + " OUT/comparison.md, and prints the comparison table."})
final class ExamplesCommand implements Callable<Integer> {

  @Mixin TrainingOptions training;

  @Mixin OptimizerChoice optimizerChoice;

  @Mixin ValidationOptions validation;

  @Mixin SelectionOptions selection;

  @Mixin ReturnSequencesOption output;

  @Mixin DataOptions dataOptions;

  @Option(names = "--out", defaultValue = "out", description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--resume", description = "Continue interrupted runs from their checkpoints.")
  boolean resume;

  @Option(names = "--force", description = "Replace what is in OUT/lstm/model, OUT/gru/model,"
      + " OUT/comparison.md and OUT/learning-curves.png (even if RNNKit did not write it) and start"
      + " interrupted runs over.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    // Everything it will write is checked before the data is loaded, so that a refusal costs nothing.
    Map<ArticleModels.Cell, RunFolder> folders = new LinkedHashMap<>();
    try {
      for (ArticleModels.Cell cell : List.of(ArticleModels.Cell.LSTM, ArticleModels.Cell.GRU)) {
        folders.put(cell, RunFolder.claim(out.resolve(cell.cliName()), new RunOutput.Policy(resume, force)));
      }
      return run(folders);
    } finally {
      for (RunFolder folder : folders.values()) {
        folder.close();
      }
    }
  }

  private int run(Map<ArticleModels.Cell, RunFolder> folders) throws Exception {
    Path table = out.resolve(ExamplesTable.FILE_NAME);
    Path plot = out.resolve(RunOutput.CURVES_FILE);
    RunFolder.checkOwnFile(table, ExamplesTable::isWrittenByRnnkit, force);
    RunFolder.checkOwnFile(plot, LearningCurves::isWrittenByRnnkit, force);
    TrainingData data = dataOptions.load(training.seed);
    List<RunMetrics> runs = new ArrayList<>();
    Map<String, Map<String, List<Double>>> curves = new LinkedHashMap<>();
    try (GracefulStop stop = new GracefulStop()) {
      for (ArticleModels.Cell cell : folders.keySet()) {
        System.out.println("\n=== " + cell.cliName().toUpperCase(java.util.Locale.ROOT) + " ===");
        ArticleExample.Settings settings = new ArticleExample.Settings(cell,
            output.returnSequences(cell), training.epochs, training.batchSize, training.seed,
            validation.validationBatchSize, optimizerChoice.optimizer());
        RunMetrics m = RunOutput.trainInto(folders.get(cell), settings, data, stop::requested,
            System.out, selection.selection());
        if (m == null) {
          System.out.println("Stopped: checkpoint saved; run the same command with --resume.");
          return 130;
        }
        runs.add(m);
        curves.put(cell.cliName(), m.history());
      }
    }
    System.out.println("\n" + ExamplesTable.markdown(runs));
    Files.writeString(table, ExamplesTable.document(data.name(), training.epochs,
        training.batchSize, training.seed, runs),
        StandardCharsets.UTF_8);
    LearningCurves.writePng(LearningCurves.plot(data.name(), curves), plot);
    System.out.println("Wrote " + table + " and " + plot);
    int run = 0;
    for (RunFolder folder : folders.values()) {
      RunMetrics m = runs.get(run++);
      System.out.println("Model: " + NextSteps.relative(folder.modelDir())
          + " (a SavedModel; its metrics.json and learning-curves.png inside"
          + (m.savedEpoch() == null ? "" : "; " + TrainCommand.savedWeights(m)) + ")");
    }
    System.out.println(NextSteps.tryModel(folders.values().iterator().next().modelDir(),
        data.vocabulary() != null));
    return 0;
  }
}
