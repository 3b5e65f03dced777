package dev.rnnkit.bench;

import dev.rnnkit.layers.Embedding;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Inference through an exported SavedModel, as a server would run it: single-review latency
 * percentiles (ids and raw text) after warm-up, batched throughput, and the start-up of
 * {@code predict} as a whole process.
 */
public final class ServingBenchmark {

  /** What was measured. */
  public record Result(double idsP50Millis, double idsP99Millis, double textP50Millis,
      double textP99Millis, int throughputBatch, double reviewsPerSecond,
      double predictProcessMedianSeconds) {}

  /** The article's num_words: ids 4 and up stand for words, below it. */
  private static final int VOCABULARY = ArticleModels.VOCABULARY;
  /** The mean IMDB review length in words. */
  private static final int MEAN_REVIEW_WORDS = 230;

  private ServingBenchmark() {}

  /**
   * Why the serving figures do not apply to {@code architecture}, or null when they do. They
   * time the article's inputs: token ids below 10,000 and review text mapped to them by the
   * exported text signature, of the model's length (50 steps when it is open).
   */
  public static String whyNotServed(Sequential architecture) {
    InputSpec in = architecture.input();
    if (!in.isTokens()) {
      return "the model takes float features, but serving is timed on token ids and review text";
    }
    var first = architecture.layers().get(0);
    if (!(first instanceof Embedding e)) {
      return "serving is timed through the text signature, which needs an Embedding first, but"
          + " the model starts with " + first.kerasClassName() + " '" + first.name() + "'";
    }
    if (e.inputDim() < VOCABULARY) {
      return "serving is timed on ids below " + VOCABULARY + " (the text signature's vocabulary),"
          + " but Embedding '" + e.name() + "' takes ids below " + e.inputDim();
    }
    return architecture.whyNoServingOfAnyLength();
  }

  /** Runs the figures; {@link #whyNotServed} must be null for the model. */
  public static Result run(Model model, int calls, PrintStream log) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("rnnkit-bench-");
    Path modelDir = dir.resolve("model");
    try {
      int length = BenchData.timeSteps(model.architecture());
      // A fixed length truncates a review to its last steps; an open one would serve it whole,
      // so it gets a review that fills the same 50 steps (words plus the start id).
      int reviewWords = model.architecture().input().isOpenLength() ? length - 1 : MEAN_REVIEW_WORDS;
      List<String> vocabulary = new ArrayList<>();
      for (int i = 0; i < VOCABULARY - 4; i++) {
        vocabulary.add("w" + i);
      }
      ModelDirectory.save(model, modelDir, vocabulary, VOCABULARY, false);
      SplittableRandom random = new SplittableRandom(3);
      try (SavedModel saved = SavedModel.load(modelDir)) {
        log.println("Timing single-review inference through the SavedModel...");
        double[] ids = time(calls, () -> callIds(saved, 1, length, random));
        double[] text = time(calls, () -> callText(saved, reviewWords, random));
        int batch = 256;
        double[] batched = time(Math.max(5, calls / 50), () -> callIds(saved, batch, length, random));
        double startup = predictStartup(modelDir, length, log);
        return new Result(Stats.percentile(ids, 50), Stats.percentile(ids, 99),
            Stats.percentile(text, 50), Stats.percentile(text, 99), batch,
            batch / (Stats.median(batched) / 1e3), startup);
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Milliseconds of each of {@code calls} timed calls, after a tenth as many warm-up calls. */
  private static double[] time(int calls, Runnable call) {
    for (int i = 0; i < Math.max(10, calls / 10); i++) {
      call.run();
    }
    double[] millis = new double[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return millis;
  }

  private static void callIds(SavedModel saved, int rows, int length, SplittableRandom random) {
    int[] ids = new int[rows * length];
    Arrays.setAll(ids, i -> random.nextInt(4, VOCABULARY));
    try (TInt32 t = TInt32.tensorOf(Shape.of(rows, length), DataBuffers.of(ids, true, false))) {
      saved.call("serving_default", Map.of("token_ids", t)).values().forEach(Tensor::close);
    }
  }

  private static void callText(SavedModel saved, int words, SplittableRandom random) {
    StringBuilder review = new StringBuilder();
    for (int i = 0; i < words; i++) {
      review.append('w').append(random.nextInt(12_000)).append(i % 17 == 0 ? ". " : " ");
    }
    try (TString t = TString.vectorOf(review.toString())) {
      saved.call("serving_text", Map.of("text", t)).values().forEach(Tensor::close);
    }
  }

  /** Median wall time of three {@code predict} processes on the export (JVM, natives, load, call). */
  private static double predictStartup(Path modelDir, int length, PrintStream log)
      throws IOException, InterruptedException {
    log.println("Timing predict as a process (3 runs)...");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int[] ids = new int[length];
    ids[length - 1] = 5;
    double[] seconds = new double[3];
    for (int r = 0; r < seconds.length; r++) {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "dev.rnnkit.cli.Main", "predict", "--model", modelDir.toString(),
          "--input", "token_ids=[" + Arrays.toString(ids) + "]")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("predict did not run: exit " + (p.isAlive() ? "timeout" : p.exitValue()));
      }
      seconds[r] = (System.nanoTime() - start) / 1e9;
    }
    return Stats.median(seconds);
  }
}
