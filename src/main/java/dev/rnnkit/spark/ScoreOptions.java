package dev.rnnkit.spark;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of {@link ScoreJob}, shared by RNNKit's {@code score} command, which runs the job
 * on Spark's local mode.
 */
public final class ScoreOptions {

  /** How the input is stored. */
  public enum InputFormat { CSV, PARQUET, JSON }

  /** How the scores are written. */
  public enum OutputFormat { PARQUET, CSV }

  @Option(names = "--model", required = true, paramLabel = "URI", description = "The SavedModel"
      + " folder: RNNKit's (the model/ folder of train or examples) or any other, e.g. Python's;"
      + " a local path, file:, or any Hadoop file system URI (hdfs://, s3a://).")
  String model;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The rows to score: a CSV (with a header row), Parquet or JSON-lines file,"
          + " a folder of such files, or a glob (reviews/*.parquet).")
  String input;

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "csv, parquet or json"
      + " (default: from the input's extension).")
  InputFormat inputFormat;

  @Option(names = {"--text-column", "--input-column"}, paramLabel = "NAME", defaultValue = "text",
      description = "The column to score: text for RNNKit's text models, numbers or arrays of"
          + " numbers for a numeric input (in a CSV, as JSON text: \"[1, 4, 5]\")."
          + " Default: ${DEFAULT-VALUE}.")
  String column;

  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "Where to write the input's columns plus the score and error columns (a"
          + " folder of part files, as Spark writes).")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "parquet or csv. Default: ${DEFAULT-VALUE}. In CSV, array columns are"
          + " written as JSON text.")
  OutputFormat format;

  @Option(names = "--signature", paramLabel = "KEY", description = "The signature to call"
      + " (default: serving_text for a text column when the model has it, else serving_default).")
  String signature;

  @Option(names = "--input-key", paramLabel = "KEY",
      description = "The signature input the column feeds (default: its only input).")
  String inputKey;

  @Option(names = "--output-key", paramLabel = "KEY", description = "The signature output to"
      + " keep (default: its only output; for RNNKit's models, the prediction).")
  String outputKey;

  @Option(names = "--score-column", paramLabel = "NAME", defaultValue = "score",
      description = "The score column's name. Default: ${DEFAULT-VALUE}.")
  String scoreColumn;

  @Option(names = "--error-column", paramLabel = "NAME", defaultValue = "score_error",
      description = "The column saying why a row has no score (null when it has one)."
          + " Default: ${DEFAULT-VALUE}.")
  String errorColumn;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
      description = "Rows per call of the model. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--partitions", paramLabel = "N", description = "Spread the rows over N"
      + " partitions first (default: as the input is split, or over every task slot when it"
      + " has fewer splits, as a single CSV has).")
  Integer partitions;

  @Option(names = "--master", paramLabel = "URL", description = "Spark's master, e.g."
      + " local[*], local[2], yarn, spark://host:7077 (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--trust-model", description = "Run the model even if its graph holds ops"
      + " that can read or write files or run code; only for models whose origin you trust.")
  boolean trustModel;

  @Option(names = "--force", description = "Replace the output if it exists (it is replaced"
      + " only once the new scores are all written).")
  boolean force;

  /** The input's format: as given, else from its name. */
  InputFormat inputFormat() {
    if (inputFormat != null) {
      return inputFormat;
    }
    String name = input.toLowerCase(Locale.ROOT).replaceAll("[/\\\\]+$", "");
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return InputFormat.CSV;
    }
    if (name.endsWith(".parquet")) {
      return InputFormat.PARQUET;
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")
        || name.endsWith(".json.gz")) {
      return InputFormat.JSON;
    }
    throw new IllegalArgumentException("Cannot tell the format of --input " + input
        + " from its name; give --input-format csv, parquet or json");
  }
}
