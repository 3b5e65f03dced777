package dev.rnnkit.examples;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.Evaluation;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.RunMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.List;

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
    /** Checked here, before any data is loaded or any output folder is looked at. */
    public Settings {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      if (validationBatchSize < 0) {
        throw new IllegalArgumentException("validation batch size must be at least 1 (or 0 for"
            + " the batch size), got " + validationBatchSize);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
      }
    }

    /** Settings that evaluate at the training batch size (Keras's default). */
    public Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs, int batchSize,
        long seed) {
      this(cell, returnSequences, epochs, batchSize, seed, 0);
    }
  }

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

  /** A run with checkpoints after every epoch, resumable, stoppable after any step. */
  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out, ResumableFit.Checkpointing checkpointing,
      BooleanSupplier stop) throws IOException {
    Model model = Model.compile(architecture, s.seed());
    try {
      if (out != null) {
        out.println(architecture.summary());
      }
      History history = ResumableFit.fit(model, train, FitOptions.builder().epochs(s.epochs())
          .batchSize(s.batchSize()).validationData(test)
          .validationBatchSize(s.validationBatchSize()).shuffleSeed(s.seed())
          .progressOut(out).stopRequested(stop), checkpointing, out);
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
}
