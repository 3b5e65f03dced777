package dev.rnnkit.bench;

import dev.rnnkit.savedmodel.LoadOptions;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.spark.ModelCachePlugin;
import dev.rnnkit.spark.SavedModelScorer;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.Tensor;
import org.tensorflow.types.TString;

/**
 * Rows per second of scoring a text column: in one JVM (SavedModel.call on batches, one thread,
 * as a Spark task calls it), then through {@link SavedModelScorer} on Spark's local[1] and
 * local[2], in the same process and on the same rows. Each figure is the median of the timed
 * runs after one warm-up run (which loads the model). The input is cached in memory first, so
 * that the figures time scoring, not reading the CSV.
 *
 * <p>Runs in a JVM with Spark's jars: {@code bench --spark FILE --model DIR} starts it.
 */
public final class SparkScoringBench {

  private SparkScoringBench() {}

  /** {@code MODEL CSV COLUMN ROWS BATCH RUNS}. */
  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean(dev.rnnkit.spark.ScoreJob.QUIET_PROPERTY)) {
      dev.rnnkit.spark.ScoreJob.quietSparkLog();
    }
    Path model = Path.of(args[0]);
    List<String> texts = texts(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
    int batch = Integer.parseInt(args[4]);
    int runs = Integer.parseInt(args[5]);
    System.out.printf(Locale.ROOT, "Scoring %,d texts of %s with %s, batches of %d, median of %d"
        + " runs after a warm-up; %d cores%n", texts.size(), args[1], model, batch, runs,
        Runtime.getRuntime().availableProcessors());
    double single = singleJvm(model, texts, batch, runs, 1, 1);
    double singleTwo = singleJvm(model, texts, batch, runs, 1, 2);
    double singleDefault = singleJvm(model, texts, batch, runs, 0, 1);
    double local1 = spark("local[1]", model, texts, batch, runs);
    double local2 = spark("local[2]", model, texts, batch, runs);
    System.out.printf(Locale.ROOT, "  one JVM, batched, 1 thread per op: %9.0f rows/s%n", single);
    System.out.printf(Locale.ROOT, "  one JVM, batched, 2 callers, 1 thread each: %9.0f rows/s (%.2fx)%n",
        singleTwo, singleTwo / single);
    System.out.printf(Locale.ROOT, "  one JVM, batched, TF's default threads: %9.0f rows/s%n", singleDefault);
    System.out.printf(Locale.ROOT, "  Spark local[1]:                    %9.0f rows/s (%.0f%% of one JVM)%n",
        local1, 100 * local1 / single);
    System.out.printf(Locale.ROOT, "  Spark local[2]:                    %9.0f rows/s (%.2fx local[1])%n",
        local2, local2 / local1);
  }

  private static List<String> texts(Path csv, String column, int rows) throws IOException {
    List<String> texts = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv);
        var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(reader)) {
      for (CSVRecord record : parser) {
        texts.add(record.get(column));
        if (texts.size() == rows) {
          break;
        }
      }
    }
    return texts;
  }

  /**
   * As Spark tasks call the model: batches filled up to the batch size, from {@code callers}
   * threads sharing one loaded model (each scoring its share of the batches).
   */
  private static double singleJvm(Path model, List<String> texts, int batch, int runs,
      int threads, int callers) throws Exception {
    try (SavedModel saved = SavedModel.load(model, LoadOptions.trusted().withThreadsPerCall(threads))) {
      double[] rates = new double[runs + 1];
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
      try {
        for (int run = 0; run <= runs; run++) {
          long start = System.nanoTime();
          List<java.util.concurrent.Future<?>> done = new ArrayList<>();
          for (int caller = 0; caller < callers; caller++) {
            int first = caller;
            done.add(pool.submit(() -> {
              for (int from = first * batch; from < texts.size(); from += callers * batch) {
                callOnce(saved, texts, from, batch);
              }
            }));
          }
          for (var future : done) {
            future.get();
          }
          rates[run] = texts.size() / ((System.nanoTime() - start) / 1e9);
        }
      } finally {
        pool.shutdown();
      }
      return median(Arrays.copyOfRange(rates, 1, rates.length));
    }
  }

  private static void callOnce(SavedModel saved, List<String> texts, int from, int batch) {
    String[] rows = new String[batch];
    for (int i = 0; i < batch; i++) {
      rows[i] = texts.get(from + i < texts.size() ? from + i : from);
    }
    try (TString in = TString.vectorOf(rows)) {
      saved.call("serving_text", Map.of("text", in)).values().forEach(Tensor::close);
    }
  }

  private static double spark(String master, Path model, List<String> texts, int batch, int runs) {
    SparkSession spark = SparkSession.builder().master(master).appName("rnnkit-bench")
        .config("spark.ui.enabled", false)
        .config("spark.plugins", ModelCachePlugin.class.getName())
        .getOrCreate();
    try {
      StructType schema = new StructType().add("text", DataTypes.StringType);
      List<Row> rows = texts.stream().map(t -> RowFactory.create(t)).toList();
      // As many partitions as local[2] runs tasks, for both masters: the same work, split alike.
      Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(4).cache();
      input.count();
      SavedModelScorer scorer = new SavedModelScorer().setModelPath(model.toString())
          .setTrustModel(true).setBatchSize(batch);
      double[] rates = new double[runs + 1];
      for (int run = 0; run <= runs; run++) {
        long start = System.nanoTime();
        scorer.transform(input).write().format("noop").mode("overwrite").save();
        rates[run] = texts.size() / ((System.nanoTime() - start) / 1e9);
      }
      return median(Arrays.copyOfRange(rates, 1, rates.length));
    } finally {
      spark.stop();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
