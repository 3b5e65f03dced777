package dev.rnnkit.cli;

import dev.rnnkit.data.CsvSource;
import dev.rnnkit.data.DataSource;
import dev.rnnkit.data.ImdbSource;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SplitPolicy;
import dev.rnnkit.data.SyntheticSource;
import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.examples.FineTuning;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command's data comes from, how much of it is used and how a CSV file is split: the
 * options of a {@link DataSource}, the same in every command that loads data. A command with
 * other defaults (compare) gives them through its default provider.
 */
final class DataOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--data", paramLabel = "imdb|synthetic|CSV-FILE", defaultValue = "imdb",
      description = "imdb (the IMDB reviews, downloaded with npm into --data-dir on first use),"
          + " synthetic (generated, seeded) or a CSV file of labelled texts (with a header)."
          + " Default: ${DEFAULT-VALUE}.")
  String data;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "A CSV file of labelled texts (with a header), as --data FILE.")
  Path csv;

  @Option(names = "--split", paramLabel = "80-20|balanced-halves", defaultValue = "80-20",
      converter = SplitConverter.class,
      description = "How a CSV file is split into training and test rows: 80-20 (seeded shuffle;"
          + " other percentages such as 90-10 too) or balanced-halves (each class cut in half, as"
          + " IMDB is). Default: ${DEFAULT-VALUE}.")
  SplitPolicy split;

  @Option(names = "--text-column", paramLabel = "NAME", defaultValue = "text",
      description = "Text column of a CSV file. Default: ${DEFAULT-VALUE}.")
  String textColumn;

  @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
      description = "Label column of a CSV file: 0/1, or class numbers 0, 1, 2, ... or class names"
          + " for several classes. Default: ${DEFAULT-VALUE}.")
  String labelColumn;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
      description = "Where the IMDB download and split are kept. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      description = "Use at most N training and N test sequences, as --train-size N --test-size N"
          + " (0: all). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--train-size", paramLabel = "N", defaultValue = "0",
      description = "Training sequences: at most N of the split (0: all), or N generated for"
          + " synthetic data (0: 4,000). Default: ${DEFAULT-VALUE}.")
  int trainSize;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = "0",
      description = "Test sequences: at most N of the split (0: all), or N generated for"
          + " synthetic data (0: 1,000). Default: ${DEFAULT-VALUE}.")
  int testSize;

  /** The data for a new model. */
  TrainingData load(long seed) throws IOException {
    return source().load(seed, sizesOver(SampleSizes.ALL), System.out::println);
  }

  /** The data for a new model, texts encoded to {@code maxLength} ids (or their own lengths). */
  TrainingData load(long seed, int maxLength) throws IOException {
    return source().withMaxLength(maxLength)
        .load(seed, sizesOver(SampleSizes.ALL), System.out::println);
  }

  /** The data for an existing model: its text encoded with the model's vocabulary. */
  TrainingData loadFor(ModelDirectory.Loaded loaded, long seed) throws IOException {
    DataSource source = source();
    TextVectorizer vocabulary = FineTuning.vectorizerOf(loaded);
    if (!(source instanceof SyntheticSource)) {
      if (vocabulary == null) {
        throw new IllegalArgumentException("The model has no vocabulary (it was trained on ids):"
            + " it cannot read text; fine-tune it on --data synthetic or through the Java API");
      }
      source = source.withVectorizer(vocabulary);
    }
    return source.load(seed, sizesOver(SampleSizes.ALL), System.out::println);
  }

  /** The source that {@code --data} or {@code --csv} names. */
  DataSource source() {
    if (csv != null) {
      if (given("--data")) {
        throw new IllegalArgumentException("Give the CSV file with --data or with --csv, not both");
      }
      return csvSource(csv);
    }
    if (data.equals("imdb") || data.equals("synthetic")) {
      if (given("--text-column") || given("--label-column") || given("--split")) {
        throw new IllegalArgumentException("--text-column, --label-column and --split apply only"
            + " to a CSV file given with --data or --csv");
      }
      return data.equals("imdb") ? new ImdbSource(dataDir) : new SyntheticSource();
    }
    Path file = Path.of(data);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Unknown --data '" + data + "': use imdb or synthetic,"
          + " or name a CSV file; it is neither synthetic, imdb nor an existing CSV file"
          + " (relative paths start at " + Path.of("").toAbsolutePath() + ")");
    }
    return csvSource(file);
  }

  private CsvSource csvSource(Path file) {
    return new CsvSource(file, textColumn, labelColumn, split);
  }

  /** The sizes given on the command line, and {@code preset}'s where none is given. */
  SampleSizes sizesOver(SampleSizes preset) {
    if (given("--limit")) {
      if (given("--train-size") || given("--test-size")) {
        throw new IllegalArgumentException("--limit sets both sizes: give it, or --train-size"
            + " and --test-size, not both");
      }
      return SampleSizes.each(atLeastZero("--limit", limit));
    }
    return new SampleSizes(
        given("--train-size") ? atLeastZero("--train-size", trainSize) : preset.train(),
        given("--test-size") ? atLeastZero("--test-size", testSize) : preset.test());
  }

  private static int atLeastZero(String option, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(option + " must be 0 (all) or positive, got " + value);
    }
    return value;
  }

  private boolean given(String option) {
    return command.commandLine().getParseResult().hasMatchedOption(option);
  }
}
