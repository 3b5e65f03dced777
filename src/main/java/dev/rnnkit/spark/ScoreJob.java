package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.SavedModelContents;
import dev.rnnkit.savedmodel.export.ModelFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Scores a CSV, Parquet or JSON input with a SavedModel and writes the input's columns plus the
 * scores: the job for {@code spark-submit --class dev.rnnkit.spark.ScoreJob rnnkit.jar ...},
 * which RNNKit's {@code score} command also runs on Spark's local mode.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score a column of a CSV, Parquet or JSON input with a SavedModel on Apache"
        + " Spark, and write the input's columns plus a score column and an error column"
        + " (Parquet by default).",
        "Rows that cannot be scored (null text, an array of the wrong shape) get a null score and"
        + " the reason in the error column; the job goes on. In local mode a failed task is"
        + " retried up to 4 times, as on a cluster: local[N] runs as local[N,4]."})
public final class ScoreJob implements Callable<Integer> {

  /** Set by RNNKit's score command: Spark's log at WARN, no web UI. */
  public static final String QUIET_PROPERTY = "rnnkit.spark.quiet";

  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)]");
  private static final int LOCAL_TASK_ATTEMPTS = 4;

  @Mixin ScoreOptions options;

  private final PrintStream out;

  public ScoreJob() {
    this(System.out);
  }

  ScoreJob(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    int exit = execute(args);
    // A normal return lets spark-submit end the application its own way.
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Runs the job's command line; 0 done, 1 failed (the reason printed), 2 bad usage. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ScoreJob());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("Error: " + message(e));
      return 1;
    });
    return cli.execute(args);
  }

  private static String message(Throwable e) {
    Throwable cause = e;
    // Spark wraps a task's exception in its own; the first line of the innermost says why.
    while (cause.getCause() != null && cause.getCause() != cause
        && (cause.getMessage() == null || cause instanceof org.apache.spark.SparkException)) {
      cause = cause.getCause();
    }
    String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return text.lines().findFirst().orElse(text);
  }

  @Override
  public Integer call() throws IOException {
    if (options.batchSize < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--batch-size must be at least 1, not " + options.batchSize);
    }
    if (options.partitions != null && options.partitions < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--partitions must be at least 1, not " + options.partitions);
    }
    boolean quiet = Boolean.getBoolean(QUIET_PROPERTY);
    if (quiet) {
      quietSparkLog();
    }
    // A session this JVM already runs (a notebook's, an application's) is used and left running.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = session(quiet);
    try {
      run(spark, options, out);
    } finally {
      if (!running) {
        spark.stop();
      }
    }
    return 0;
  }

  private SparkSession session(boolean quiet) {
    SparkConf conf = new SparkConf();
    String master = options.master != null ? options.master : conf.get("spark.master", "local[*]");
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      master = "local[" + local.group(1) + "," + LOCAL_TASK_ATTEMPTS + "]";
    }
    String plugins = conf.get("spark.plugins", "");
    if (!plugins.contains(ModelCachePlugin.class.getName())) {
      plugins = plugins.isEmpty() ? ModelCachePlugin.class.getName()
          : plugins + "," + ModelCachePlugin.class.getName();
    }
    SparkSession.Builder builder = SparkSession.builder().appName("rnnkit-score")
        .master(master).config("spark.plugins", plugins);
    if (quiet) {
      builder.config("spark.ui.enabled", false).config("spark.ui.showConsoleProgress", true);
    }
    return builder.getOrCreate();
  }

  /** Spark's INFO lines would bury the job's own; its stage progress bar shows at WARN. */
  public static void quietSparkLog() {
    try {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(
          org.apache.logging.log4j.Level.WARN);
      // Notes about this machine, not the job: a loopback host name, no native Hadoop library.
      for (String logger : List.of("org.apache.spark.util.Utils",
          "org.apache.hadoop.util.NativeCodeLoader")) {
        org.apache.logging.log4j.core.config.Configurator.setLevel(logger,
            org.apache.logging.log4j.Level.ERROR);
      }
    } catch (LinkageError e) {
      // Another logging back end: its own configuration decides.
    }
  }

  /** Scores and writes with {@code spark}, which it leaves running. */
  static void run(SparkSession spark, ScoreOptions options, PrintStream out) throws IOException {
    long start = System.nanoTime();
    Path output = new Path(options.output);
    FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(output) && !options.force) {
      throw new IllegalArgumentException("The output " + options.output + " exists; give --force"
          + " to replace it (once the new scores are all written), or another --output");
    }
    String qualifiedOutput = fs.makeQualified(output).toString();
    String qualifiedInput = new Path(options.input).getFileSystem(
        spark.sparkContext().hadoopConfiguration()).makeQualified(new Path(options.input)).toString();
    if ((qualifiedInput + "/").startsWith(qualifiedOutput + "/")) {
      throw new IllegalArgumentException("The output " + options.output + " holds the input "
          + options.input + ": replacing it would delete the rows being scored; choose another"
          + " --output");
    }
    Dataset<Row> rows = spread(spark, read(spark, options), options);
    SavedModelScorer scorer = new SavedModelScorer()
        .setModelPath(modelPath(options.model))
        .setInputCol(options.column)
        .setOutputCol(options.scoreColumn)
        .setErrorCol(options.errorColumn)
        .setBatchSize(options.batchSize)
        .setTrustModel(options.trustModel);
    if (options.signature != null) {
      scorer.setSignature(options.signature);
    }
    if (options.inputKey != null) {
      scorer.setInputKey(options.inputKey);
    }
    if (options.outputKey != null) {
      scorer.setOutputKey(options.outputKey);
    }
    Dataset<Row> scored = scorer.transform(rows);
    write(scored, options, output, fs);
    summarize(spark, options, out, start);
  }

  /**
   * The model folder; a local run folder (out/lstm) stands for its model/, as in predict. Other
   * paths go to the scorer as given, which says what is wrong with them.
   */
  private static String modelPath(String model) {
    java.nio.file.Path local;
    try {
      local = java.nio.file.Path.of(model);
    } catch (java.nio.file.InvalidPathException e) {
      return model;
    }
    boolean runFolder = java.nio.file.Files.isDirectory(local)
        && !java.nio.file.Files.exists(local.resolve(SavedModelContents.SAVED_MODEL_FILE))
        && java.nio.file.Files.isRegularFile(local.resolve(ModelFolder.IN_RUN_FOLDER).resolve(SavedModelContents.SAVED_MODEL_FILE));
    return runFolder ? ModelFolder.resolve(local, System.err::println).toString() : model;
  }

  /**
   * The rows over --partitions partitions, or over at least as many as Spark runs tasks at once:
   * a single CSV of quoted multi-line fields is read by one task, which would leave every other
   * core idle while the model runs.
   */
  private static Dataset<Row> spread(SparkSession spark, Dataset<Row> rows, ScoreOptions options) {
    if (options.partitions != null) {
      return rows.repartition(options.partitions);
    }
    int slots = spark.sparkContext().defaultParallelism();
    return rows.rdd().getNumPartitions() < slots ? rows.repartition(slots) : rows;
  }

  private static Dataset<Row> read(SparkSession spark, ScoreOptions options) throws IOException {
    Path input = new Path(options.input);
    FileSystem fs = input.getFileSystem(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.FileStatus[] found = fs.globStatus(input);
    if (found == null || found.length == 0) {
      throw new java.nio.file.NoSuchFileException(options.input, null, "no such input file or"
          + " folder (a relative path is read from " + fs.makeQualified(new Path(".")) + ")");
    }
    return switch (options.inputFormat()) {
      // RFC 4180 CSV, as RNNKit's data and Python's csv module write it: quoted fields may hold
      // newlines and doubled quotes.
      case CSV -> spark.read().option("header", true).option("multiLine", true)
          .option("escape", "\"").option("mode", "PERMISSIVE").csv(options.input);
      case PARQUET -> spark.read().parquet(options.input);
      case JSON -> spark.read().json(options.input);
    };
  }

  /**
   * Writes next to the output first and moves it into place once complete, so that a failed job
   * leaves no half output. With --force the old output is moved aside, the new one moved in, and
   * the old one deleted last; if the move in fails, the old one is moved back. (On an object
   * store such as S3A a rename is a copy, so these steps are not atomic there.)
   */
  private static void write(Dataset<Row> scored, ScoreOptions options, Path output, FileSystem fs)
      throws IOException {
    Path parent = output.getParent() == null ? new Path(".") : output.getParent();
    String id = UUID.randomUUID().toString();
    Path writing = new Path(parent, "." + output.getName() + ".writing-" + id);
    Path previous = new Path(parent, "." + output.getName() + ".previous-" + id);
    boolean placed = false;
    try {
      if (options.format == ScoreOptions.OutputFormat.CSV) {
        // Spark's CSV writer trims values unless told not to: the input's texts are kept as read.
        csvReady(scored).write().option("header", true).option("escape", "\"")
            .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false)
            .csv(writing.toString());
      } else {
        scored.write().parquet(writing.toString());
      }
      boolean replacing = fs.exists(output);
      if (replacing && !fs.rename(output, previous)) {
        throw new IOException("Cannot move the old output " + output + " aside to replace it;"
            + " the new scores are left in " + writing);
      }
      if (!fs.rename(writing, output)) {
        if (replacing && !fs.rename(previous, output)) {
          throw new IOException("Cannot move the new scores into " + output + ", nor the old"
              + " output back from " + previous + "; the new scores are in " + writing);
        }
        throw new IOException("Cannot move the new scores from " + writing + " to " + output
            + "; " + (replacing ? "the old output is back in place" : "nothing was written there"));
      }
      placed = true;
      if (replacing) {
        fs.delete(previous, true);
      }
    } finally {
      if (!placed && !fs.exists(previous) && fs.exists(writing)) {
        fs.delete(writing, true);
      }
    }
  }

  /** CSV holds no arrays: array (and map, struct) columns become JSON text. */
  private static Dataset<Row> csvReady(Dataset<Row> scored) {
    StructType schema = scored.schema();
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      StructField field = schema.fields()[i];
      Column column = functions.col("`" + field.name().replace("`", "``") + "`");
      boolean nested = field.dataType() instanceof ArrayType || field.dataType() instanceof MapType
          || field.dataType() instanceof StructType;
      columns[i] = nested ? functions.to_json(column).alias(field.name()) : column;
    }
    return scored.select(columns);
  }

  private static void summarize(SparkSession spark, ScoreOptions options, PrintStream out,
      long start) {
    Dataset<Row> written = options.format == ScoreOptions.OutputFormat.CSV
        ? spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(options.output)
        : spark.read().parquet(options.output);
    Column error = functions.col(options.errorColumn);
    long rows = written.count();
    Dataset<Row> failed = written.filter(error.isNotNull());
    long errors = failed.count();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "Scored %,d rows in %.1f s (%,.0f rows/s): %s (%s)%n", rows, seconds,
        rows / Math.max(seconds, 1e-9), options.output, options.format.name().toLowerCase(Locale.ROOT));
    if (errors > 0) {
      out.printf(Locale.ROOT, "%,d rows have no score; column %s says why, e.g.:%n", errors,
          options.errorColumn);
      List<Row> examples = failed.select(error).distinct().limit(3).collectAsList();
      examples.forEach(row -> out.println("  " + row.getString(0)));
    }
  }

  /** For tests: the options, parsed as the command line would. */
  static ScoreOptions parse(String... args) {
    ScoreJob job = new ScoreJob();
    new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return job.options;
  }
}
