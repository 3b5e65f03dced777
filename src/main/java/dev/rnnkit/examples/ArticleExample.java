package dev.rnnkit.examples;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.BackupAndRestore;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.StopOnRequest;
import dev.rnnkit.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One of the article's examples end to end: build, compile (Adam, binary cross-entropy), fit
 * with the test split as validation data (so every epoch's test figures are in the history),
 * evaluate. The caller owns the returned model.
 */
public final class ArticleExample {

  /**
   * Settings of one run; the article's are epochs 10, batch 32. {@code validationBatchSize} is
   * Keras's {@code validation_batch_size}: 0 evaluates at {@code batchSize}, as the article does.
   */
  public record Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs,
      int batchSize, long seed, int validationBatchSize) {
    /**
     * Checked here, by the fit options they make, before any data is loaded or any output folder
     * is looked at.
     */
    public Settings {
      fitOptions(epochs, batchSize, seed, validationBatchSize).build();
    }

    /** Settings that evaluate at the training batch size (Keras's default). */
    public Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs, int batchSize,
        long seed) {
      this(cell, returnSequences, epochs, batchSize, seed, 0);
    }

    /** The fit these settings ask for, shuffled with the seed, to which a run adds its own. */
    public FitOptions.Builder fitOptions() {
      return fitOptions(epochs, batchSize, seed, validationBatchSize);
    }

    private static FitOptions.Builder fitOptions(int epochs, int batchSize, long seed,
        int validationBatchSize) {
      return FitOptions.builder().epochs(epochs).batchSize(batchSize).shuffleSeed(seed)
          .validationBatchSize(validationBatchSize);
    }
  }

  /**
   * A checkpoint after every epoch in {@code file} (see {@link BackupAndRestore}), and with
   * {@code resume} a run that continues from it. {@code run} identifies the run: resuming with
   * different settings (other than the number of epochs) is refused.
   */
  public record Checkpointing(Path file, boolean resume, Map<String, Object> run,
      List<String> vocabulary) {}

  /** The trained model and what the run measured; metrics are null when it was stopped early. */
  public record Outcome(Model model, RunMetrics metrics, boolean stoppedEarly) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  private ArticleExample() {}

  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out) throws IOException {
    return run(s, architecture, train, test, dataName, out, null, () -> false);
  }

  /**
   * A run with checkpoints after every epoch (none if {@code checkpointing} is null), resumable,
   * stopped after the step during which {@code stop} turns true.
   */
  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out, Checkpointing checkpointing,
      BooleanSupplier stop) throws IOException {
    Model model = Model.compile(architecture, s.seed());
    try {
      if (out != null) {
        out.println(architecture.summary());
      }
      FitOptions.Builder options = s.fitOptions().validationData(test).progressOut(out);
      if (checkpointing == null) {
        options.callbacks(new StopOnRequest(stop));
      } else {
        options.callbacks(backup(model, checkpointing, out), new StopOnRequest(stop));
      }
      History history = Trainer.fit(model, train, options.build());
      if (history.stoppedEarly()) {
        return new Outcome(model, null, true);
      }
      Evaluation eval = model.evaluate(test, 256);
      String bestKey = history.metrics().containsKey("val_last_step_accuracy")
          ? "val_last_step_accuracy" : "val_accuracy";
      List<Double> val = history.get(bestKey);
      int best = 0;
      for (int i = 1; i < val.size(); i++) {
        if (val.get(i) > val.get(best)) {
          best = i;
        }
      }
      RunMetrics metrics = new RunMetrics(s.cell().cliName(), s.returnSequences(),
          architecture.paramCount(), dataName, train.size(), test.size(), history.epochs(),
          s.batchSize(), s.seed(), history.metrics(), history.epochSeconds(), eval.loss(),
          eval.accuracy(), eval.lastStepAccuracy(), best + 1, val.get(best));
      return new Outcome(model, metrics, false);
    } catch (RuntimeException | IOException e) {
      model.close();
      throw e;
    }
  }

  private static BackupAndRestore backup(Model model, Checkpointing checkpointing,
      PrintStream log) throws IOException {
    BackupAndRestore backup = BackupAndRestore.open(model, checkpointing.file(),
        checkpointing.resume(), checkpointing.run(), checkpointing.vocabulary());
    if (backup.resumes() != null && log != null) {
      var saved = backup.resumes();
      log.printf("Resuming from %s: epoch %d, step %d (%d optimizer steps done)%n",
          checkpointing.file(), saved.fit().epoch(), saved.fit().step(),
          saved.optimizer().iterations());
    }
    return backup;
  }

  /**
   * The settings and data that identify a run, as checkpoints record them: the data by name, size
   * and content hash, and its vocabulary by hash, so that a resume on changed data is refused.
   */
  public static Map<String, Object> identity(Settings s, TrainingData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architecture", s.cell().cliName());
    m.put("return_sequences", s.returnSequences());
    m.put("batch_size", s.batchSize());
    m.put("seed", s.seed());
    m.put("epochs", s.epochs());
    m.put("data", data.name());
    m.put("train_sequences", data.train().size());
    m.put("test_sequences", data.test().size());
    m.put("data_sha256", data.contentSha256());
    m.put("vocabulary_sha256", data.vocabularySha256());
    return m;
  }

  /** The article's model for a cell, on the default vocabulary and length. */
  public static Sequential articleModel(Settings s) {
    return ArticleModels.build(s.cell(), s.returnSequences());
  }

  /**
   * The article's model for a cell, on the default vocabulary, taking {@code timeSteps} ids (an
   * open length for ragged data, {@link dev.rnnkit.data.SequenceData#RAGGED}).
   */
  public static Sequential articleModel(Settings s, int timeSteps) {
    return ArticleModels.build(s.cell(), s.returnSequences(), ArticleModels.VOCABULARY,
        timeSteps);
  }
}
