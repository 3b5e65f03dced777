package dev.rnnkit.examples;

import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Continues training a saved RNNKit model (trained here or imported from Keras) on new data
 * with the optimizer its rnnkit.json records (the one it was trained with, or the Keras file's), keeping its vocabulary so that the new text is encoded as the model expects.
 */
public final class FineTuning {

  private FineTuning() {}

  /**
   * The model's own text encoding, or null for a model trained on ids: fine-tuning encodes its
   * data with it ({@link dev.rnnkit.data.DataSource#withVectorizer}).
   */
  public static TextVectorizer vectorizerOf(ModelDirectory.Loaded loaded) {
    ModelConfig.TextSettings text = loaded.config().text();
    if (text == null || loaded.vocabulary() == null) {
      return null;
    }
    return TextVectorizer.ofRankedWords(loaded.vocabulary(),
        new VectorizerConfig(text.numWords(), text.maxLength()));
  }

  /**
   * Refuses, before anything is loaded or trained, an output whose model the final save would
   * refuse: without {@code force} nothing already in {@code out/model} is replaced.
   */
  public static void checkOutput(Path out, boolean force) {
    if (!force && Files.exists(modelDir(out), LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("Something is already in " + modelDir(out)
          + ": pass --force to replace it, or choose another --out");
    }
  }

  private static Path modelDir(Path out) {
    return out.resolve("model");
  }

  /** Fits the loaded model further, evaluates it and saves it to {@code out}. */
  public static Evaluation run(ModelDirectory.Loaded loaded, TrainingData data, int epochs,
      int batchSize, int validationBatchSize, long seed, Path out, boolean force, PrintStream log)
      throws IOException {
    List<String> classNames = classNames(loaded, data);
    log.print(loaded.model().summary());
    History history = Trainer.fit(loaded.model(), data.train(), FitOptions.builder().epochs(epochs)
        .batchSize(batchSize).validationData(data.test()).validationBatchSize(validationBatchSize)
        .shuffleSeed(seed).progressOut(log).build());
    Evaluation eval = loaded.model().evaluate(data.test(), 256);
    Map<String, Object> metrics = Map.of(
        "history", history.metrics(), "secondsPerEpoch", history.epochSeconds(),
        "testLoss", eval.loss(), "testAccuracyAllSteps", eval.accuracy(),
        "testAccuracyLastStep", eval.lastStepAccuracy());
    // The metrics go inside the model's folder, so that they are saved with it or not at all;
    // the signature keeps the keys clients of the loaded model use.
    ModelDirectory.save(loaded.model(), modelDir(out), data.vocabulary(), data.numWords(), force,
        folder -> RunOutput.writeJson(folder.resolve(RunOutput.METRICS_FILE), metrics),
        loaded.config().servingKeys(), classNames);
    return eval;
  }

  /**
   * The class names the fine-tuned model keeps: its own, which the data must repeat (the same
   * index must mean the same class), or the data's for a model that recorded none.
   */
  private static List<String> classNames(ModelDirectory.Loaded loaded, TrainingData data) {
    List<String> own = loaded.config().classNames();
    if (own != null && data.classNames() != null && !own.equals(data.classNames())) {
      throw new IllegalArgumentException("The model's classes are " + own + " but the data's are "
          + data.classNames() + ": fine-tune on data with the same classes, or train a new model");
    }
    return own != null ? own : data.classNames();
  }
}
