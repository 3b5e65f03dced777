package dev.rnnkit.cli;

import dev.rnnkit.data.TrainingData;
import dev.rnnkit.examples.ArticleExample;
import dev.rnnkit.examples.FineTuning;
import dev.rnnkit.examples.RunFolder;
import dev.rnnkit.examples.RunOutput;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.examples.RunMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train one of the article's models (Embedding 10000x64 -> LSTM/GRU 64 -> Dense 64"
        + " relu -> Dense 1 sigmoid; Adam or --optimizer, binary cross-entropy) on IMDB, synthetic data or your CSV.",
        "A CSV with more than two classes (numbers 0, 1, 2, ... or names) trains a many-to-one"
        + " model ending in Dense K softmax with sparse categorical cross-entropy.",
        "Writes the model as a SavedModel in DIR/model (with its vocabulary, so predict takes raw"
        + " text, and with the run's metrics.json and learning-curves.png, replaced together) and a"
        + " checkpoint after every epoch in DIR/checkpoint.bin (--resume continues from it; Ctrl-C"
        + " saves one and stops).",
        "The printed graph (--return-sequences true) gives every time step the sequence's label;"
        + " accuracy is reported over all steps and on the last step."})
final class TrainCommand implements Callable<Integer> {

  @Mixin ArchitectureOption architecture;

  @Mixin ReturnSequencesOption output;

  @Mixin TrainingOptions training;

  @Mixin OptimizerChoice optimizerChoice;

  @Mixin ValidationOptions validation;

  @Mixin SelectionOptions selection;

  @Mixin DataOptions dataOptions;

  @Option(names = "--max-length", paramLabel = "N|none", defaultValue = "50",
      converter = MaxLengthConverter.class,
      description = "Ids per text: pad or cut to N (Keras's maxlen), or none to keep every text"
          + " at its own length (an open-length model; batches are padded to their longest)."
          + " Default: ${DEFAULT-VALUE}.")
  int maxLength;

  @Option(names = "--out", description = "Output folder. Default: out/ARCH.")
  Path out;

  @Option(names = "--resume",
      description = "Continue from DIR/checkpoint.bin (same settings; --epochs may grow).")
  boolean resume;

  @Option(names = "--force", description = "Replace what is in DIR/model (even if RNNKit did not"
      + " write it) and start over from an interrupted run's checkpoint.")
  boolean force;

  @Option(names = "--resume-from", paramLabel = "MODEL_DIR",
      description = "Fine-tune a saved model (from train, examples or import-keras) instead of a"
          + " new one: its architecture, weights and vocabulary are kept; the result goes to"
          + " DIR/model.")
  Path resumeFrom;

  @Override
  public Integer call() throws Exception {
    if (resumeFrom != null) {
      if (optimizerChoice.given()) {
        throw new IllegalArgumentException("--optimizer and --learning-rate do not apply to"
            + " --resume-from: fine-tuning continues with the saved model's optimizer (see its"
            + " rnnkit.json); drop them");
      }
      if (selection.earlyStoppingPatience != null || selection.saveBest) {
        // FineTuning runs its own fit; refused rather than ignored.
        throw new IllegalArgumentException("--early-stopping and --save-best do not work with"
            + " --resume-from yet: fine-tune without them, or train a new model");
      }
      return fineTune(out != null ? out : Path.of("out", "fine-tuned"));
    }
    if (maxLength == VectorizerConfig.NO_MAX_LENGTH
        && architecture.cell != ArticleModels.Cell.BILSTM) {
      // Unmasked, the padding of each batch would be read as words, and every batch length
      // would need a graph of its own.
      throw new IllegalArgumentException("--max-length none keeps texts at their own lengths,"
          + " which only a model that masks padding reads unchanged: use --arch bilstm, or give"
          + " " + architecture.cell.cliName() + " a fixed --max-length N");
    }
    ArticleExample.Settings settings = new ArticleExample.Settings(architecture.cell,
        output.returnSequences(architecture.cell), training.epochs, training.batchSize, training.seed,
        validation.validationBatchSize, optimizerChoice.optimizer());
    Path dir = out != null ? out : Path.of("out", architecture.cell.cliName());
    try (RunFolder folder = RunFolder.claim(dir, new RunOutput.Policy(resume, force))) {
      return train(folder, settings, dir);
    }
  }

  private int train(RunFolder folder, ArticleExample.Settings settings, Path dir)
      throws Exception {
    TrainingData data = dataOptions.load(training.seed, maxLength);
    if (data.multiClass()) {
      settings = manyToOne(settings, data);
    }
    try (GracefulStop stop = new GracefulStop()) {
      RunMetrics m = RunOutput.trainInto(folder, settings, data, stop::requested, System.out,
          selection.selection());
      if (m == null) {
        System.out.println("Stopped: checkpoint saved in " + dir.resolve("checkpoint.bin")
            + "; run the same command with --resume to continue.");
        return 130;
      }
      System.out.printf(Locale.ROOT,
          "Test: loss %.4f, accuracy %.4f (all steps), %.4f (last step); best epoch %d.%n"
              + "Wrote the model%s, %s and %s in %s%n",
          m.testLoss(), m.testAccuracyAllSteps(), m.testAccuracyLastStep(), m.bestEpoch(),
          m.savedEpoch() == null ? "" : " (" + savedWeights(m) + ")", RunOutput.METRICS_FILE,
          RunOutput.CURVES_FILE, folder.modelDir());
      if (data.classNames() != null) {
        System.out.println("Classes: " + String.join(", ", data.classNames()));
      }
      System.out.println(NextSteps.tryModel(folder.modelDir(), data.vocabulary() != null));
    }
    return 0;
  }

  /**
   * Multi-class data trains the many-to-one model (one softmax per text): the sequence output's
   * per-step labels are the article's binary setting only, so asking for it is refused.
   */
  private ArticleExample.Settings manyToOne(ArticleExample.Settings settings, TrainingData data) {
    if (Boolean.TRUE.equals(output.returnSequences)) {
      throw new IllegalArgumentException("The data has " + data.classes() + " classes, which"
          + " train a many-to-one softmax model: drop --return-sequences true (or give false)");
    }
    return new ArticleExample.Settings(settings.cell(), false, settings.epochs(),
        settings.batchSize(), settings.seed(), settings.validationBatchSize(), settings.optimizer());
  }

  /** Which epoch's weights the model holds, when --save-best chose them (savedEpoch not null). */
  static String savedWeights(RunMetrics m) {
    return "the weights of epoch " + m.savedEpoch() + " of " + m.epochs() + ": lowest val_loss";
  }

  private int fineTune(Path dir) throws Exception {
    FineTuning.checkOutput(dir, force);
    try (ModelDirectory.Loaded loaded = ModelDirectory.load(resumeFrom)) {
      if (!loaded.model().architecture().input().isTokens()) {
        throw new IllegalArgumentException(resumeFrom + " takes float sequences, not text or ids:"
            + " fine-tune it through the Java API (Model.fit; see notebooks/04-python-models.ipynb)");
      }
      TrainingData data = dataOptions.loadFor(loaded, training.seed);
      Evaluation eval = FineTuning.run(loaded, data, training.epochs, training.batchSize,
          validation.validationBatchSize, training.seed, dir, force, System.out);
      System.out.printf(Locale.ROOT, "Fine-tuned: test loss %.4f, accuracy %.4f (last step)."
          + " Model in %s%n", eval.loss(), eval.lastStepAccuracy(), dir.resolve("model"));
    }
    return 0;
  }
}
