package dev.rnnkit.examples;

import dev.rnnkit.data.TrainingData;
import dev.rnnkit.io.AtomicWrite;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.report.LearningCurves;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One article model trained into a folder: the model ({@code model/}, a SavedModel with the
 * vocabulary for text data, and with the run's {@code metrics.json} and
 * {@code learning-curves.png} inside it, so that the model and what describes it are replaced
 * together or not at all) and {@code checkpoint.bin} after every epoch.
 */
public final class RunOutput {

  public static final String METRICS_FILE = "metrics.json";
  public static final String CURVES_FILE = "learning-curves.png";

  /** How to treat what is already in the folder. */
  public record Policy(boolean resume, boolean force) {}

  private RunOutput() {}

  /**
   * Trains and saves into a folder that {@link RunFolder#claim} has checked; returns the metrics,
   * or null when the run was stopped (checkpoint saved).
   */
  public static RunMetrics trainInto(RunFolder folder, ArticleExample.Settings settings,
      TrainingData data, BooleanSupplier stop, PrintStream out) throws IOException {
    return trainInto(folder, settings, data, stop, out, ArticleExample.Selection.NONE);
  }

  /**
   * As above, stopped early and saving the best epoch's model as {@code selection} asks; the
   * metrics and learning curves keep every epoch run.
   */
  public static RunMetrics trainInto(RunFolder folder, ArticleExample.Settings settings,
      TrainingData data, BooleanSupplier stop, PrintStream out,
      ArticleExample.Selection selection) throws IOException {
    if (folder.policy().force() && !folder.policy().resume()) {
      Files.deleteIfExists(folder.checkpoint()); // --force: start over
    }
    var checkpointing = new ArticleExample.Checkpointing(folder.checkpoint(),
        folder.policy().resume(), ArticleExample.identity(settings, data), data.vocabulary());
    try (ArticleExample.Outcome outcome = ArticleExample.run(settings,
        ArticleExample.articleModel(settings, data.train().timeSteps(), data.classes()),
        data.train(), data.test(), data.name(), out,
        checkpointing, stop, selection)) {
      if (outcome.stoppedEarly()) {
        return null;
      }
      RunMetrics metrics = outcome.metrics();
      String name = settings.cell().cliName();
      // RunFolder.claim allowed what is there to be replaced.
      ModelDirectory.save(outcome.model(), folder.modelDir(), data.vocabulary(), data.numWords(),
          true, modelFolder -> {
            writeJson(modelFolder.resolve(METRICS_FILE), metrics);
            LearningCurves.writePng(LearningCurves.plot(name, Map.of(name, metrics.history())),
                modelFolder.resolve(CURVES_FILE));
          }, ServingKeys.rnnkit(outcome.model().architecture()), data.classNames());
      return metrics;
    }
  }

  /** Writes JSON atomically (see {@link AtomicWrite}). */
  public static void writeJson(Path file, Object value) throws IOException {
    AtomicWrite.file(file, temporary -> Json.prettyWriter().writeValue(temporary.toFile(), value));
  }
}
