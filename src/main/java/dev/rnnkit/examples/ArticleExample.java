package dev.rnnkit.examples;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.train.BackupAndRestore;
import dev.rnnkit.train.Callback;
import dev.rnnkit.train.EarlyStopping;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.ModelCheckpoint;
import dev.rnnkit.train.StopOnRequest;
import dev.rnnkit.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One of the article's examples end to end: build, compile (Adam unless the settings give another optimizer, binary cross-entropy), fit
 * with the test split as validation data (so every epoch's test figures are in the history),
 * evaluate. The caller owns the returned model.
 */
public final class ArticleExample {

  /**
   * Settings of one run; the article's are epochs 10, batch 32. {@code validationBatchSize} is
   * Keras's {@code validation_batch_size}: 0 evaluates at {@code batchSize}, as the article does.
   */
  public record Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs,
      int batchSize, long seed, int validationBatchSize, Optimizer optimizer) {
    /**
     * Checked here, by the fit options they make, before any data is loaded or any output folder
     * is looked at.
     */
    public Settings {
      fitOptions(epochs, batchSize, seed, validationBatchSize).build();
      if (optimizer == null) {
        throw new IllegalArgumentException("No optimizer: give Adam.keras() for the article's");
      }
    }

    /** The article's optimizer, Adam with Keras's defaults. */
    public Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs, int batchSize,
        long seed, int validationBatchSize) {
      this(cell, returnSequences, epochs, batchSize, seed, validationBatchSize, Adam.keras());
    }

    /** Settings that evaluate at the training batch size (Keras's default). */
    public Settings(ArticleModels.Cell cell, boolean returnSequences, int epochs, int batchSize,
        long seed) {
      this(cell, returnSequences, epochs, batchSize, seed, 0, Adam.keras());
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

  /**
   * Which epoch's model a run keeps, and when it stops: {@code --early-stopping PATIENCE} is
   * Keras's {@code EarlyStopping(patience=PATIENCE)} (null: none) and {@code --save-best} its
   * {@code ModelCheckpoint(save_best_only=True)}, both on Keras's default monitor, {@code val_loss}
   * (the test split is the validation data). {@link #NONE}, the article's runs: every epoch, the
   * last one's model.
   */
  public record Selection(Integer earlyStoppingPatience, boolean saveBest) {
    public static final Selection NONE = new Selection(null, false);

    public Selection {
      if (earlyStoppingPatience != null && earlyStoppingPatience < 0) {
        throw new IllegalArgumentException(
            "--early-stopping takes a patience of 0 epochs or more, got " + earlyStoppingPatience);
      }
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

  /**
   * A run with checkpoints after every epoch (none if {@code checkpointing} is null), resumable,
   * stopped after the step during which {@code stop} turns true.
   */
  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out, Checkpointing checkpointing,
      BooleanSupplier stop) throws IOException {
    return run(s, architecture, train, test, dataName, out, checkpointing, stop, Selection.NONE);
  }

  /**
   * As above, stopped early and keeping the best epoch's model as {@code selection} asks. With
   * {@code saveBest} the model returned (and evaluated) holds the weights of the epoch with the
   * lowest {@code val_loss}; the metrics keep every epoch's history.
   */
  public static Outcome run(Settings s, Sequential architecture, SequenceData train,
      SequenceData test, String dataName, PrintStream out, Checkpointing checkpointing,
      BooleanSupplier stop, Selection selection) throws IOException {
    // The loss that fits the output: binary cross-entropy for the article's sigmoid (what
    // Model.compile(architecture, seed) gives), sparse categorical cross-entropy for a softmax.
    Model model = Model.compile(architecture, s.optimizer(), architecture.fittingLoss(), s.seed());
    try {
      if (out != null) {
        out.println(architecture.summary());
      }
      FitOptions.Builder options = s.fitOptions().validationData(test).progressOut(out);
      List<Callback> callbacks = new ArrayList<>();
      if (checkpointing != null) {
        // First: its checkpoint holds the weights the fit reached, whatever the others keep.
        callbacks.add(backup(model, checkpointing, out));
      }
      EarlyStopping early = null;
      if (selection.earlyStoppingPatience() != null) {
        early = EarlyStopping.builder().patience(selection.earlyStoppingPatience()).verbose(out)
            .build();
        callbacks.add(early);
      }
      BestWeights best = selection.saveBest() ? new BestWeights(model) : null;
      if (best != null) {
        callbacks.add(best.checkpoint);
      }
      callbacks.add(new StopOnRequest(stop));
      History history = Trainer.fit(model, train,
          options.callbacks(callbacks.toArray(Callback[]::new)).build());
      // EarlyStopping ends a fit as Ctrl-C does; only Ctrl-C leaves the run unfinished.
      if (history.stoppedEarly() && !(early != null && early.stopped())) {
        return new Outcome(model, null, true);
      }
      Integer savedEpoch = best != null ? best.restore(out) : null;
      Evaluation eval = model.evaluate(test, 256);
      String bestKey = history.metrics().containsKey("val_last_step_accuracy")
          ? "val_last_step_accuracy" : "val_accuracy";
      List<Double> val = history.get(bestKey);
      int bestEpoch = 0;
      for (int i = 1; i < val.size(); i++) {
        if (val.get(i) > val.get(bestEpoch)) {
          bestEpoch = i;
        }
      }
      RunMetrics metrics = new RunMetrics(s.cell().cliName(), s.returnSequences(),
          architecture.paramCount(), dataName, train.size(), test.size(), history.epochs(),
          s.batchSize(), s.seed(), history.metrics(), history.epochSeconds(), eval.loss(),
          eval.accuracy(), eval.lastStepAccuracy(), bestEpoch + 1, val.get(bestEpoch),
          savedEpoch);
      return new Outcome(model, metrics, false);
    } catch (RuntimeException | IOException e) {
      model.close();
      throw e;
    }
  }

  /**
   * {@code --save-best}: a ModelCheckpoint with save_best_only on val_loss whose saves are copies
   * of the weights in memory. The run writes the model once, after the fit, with the metrics
   * that describe it (model/ and its metrics.json are replaced together), so the best weights are
   * put back into the model then instead of being written at every improvement.
   */
  private static final class BestWeights {
    private final Model model;
    private final ModelCheckpoint checkpoint;
    private List<Weight> weights;

    BestWeights(Model model) {
      this.model = model;
      this.checkpoint = ModelCheckpoint.builder("memory", (epoch, logs) -> weights = model.weights())
          .saveBestOnly(true).build();
    }

    /** Puts the best epoch's weights back into the model and says which; that epoch, from 1. */
    Integer restore(PrintStream out) {
      if (weights == null) {
        return null; // no epoch ran in this fit (a resumed run that had finished)
      }
      model.setWeights(weights);
      int epoch = checkpoint.savedEpoch() + 1;
      if (out != null) {
        out.printf(Locale.ROOT, "Keeping the weights of epoch %d, the lowest val_loss (%.4f)%n",
            epoch, checkpoint.best());
      }
      return epoch;
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
    if (!s.optimizer().equals(Adam.keras())) {
      // Absent for the article's Adam, so that checkpoints written before stay resumable.
      Map<String, Object> optimizer = new LinkedHashMap<>(); // compared as text: ordered
      optimizer.put("class_name", s.optimizer().kerasClassName());
      optimizer.put("config", s.optimizer().kerasConfig());
      m.put("optimizer", optimizer);
    }
    m.put("data", data.name());
    m.put("train_sequences", data.train().size());
    m.put("test_sequences", data.test().size());
    m.put("data_sha256", data.contentSha256());
    m.put("vocabulary_sha256", data.vocabularySha256());
    if (data.classNames() != null) {
      // Only when there are names, so that binary runs' checkpoints stay as they were.
      m.put("class_names", data.classNames());
    }
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
    return articleModel(s, timeSteps, 2);
  }

  /** As above for {@code classes} classes: more than 2 end in Dense(classes, softmax). */
  public static Sequential articleModel(Settings s, int timeSteps, int classes) {
    return ArticleModels.build(s.cell(), s.returnSequences(), ArticleModels.VOCABULARY,
        timeSteps, classes);
  }
}
