package dev.rnnkit.cli;

import dev.rnnkit.examples.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's training data comes from. */
final class DataOptions {

  @Option(names = "--data", defaultValue = "imdb",
      description = "imdb (the IMDB reviews, downloaded with npm on first use) or synthetic"
          + " (generated, seeded). Default: ${DEFAULT-VALUE}.")
  String data;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Train on your own CSV file (with a header) instead; 80%% train, 20%% test.")
  Path csv;

  @Option(names = "--text-column", defaultValue = "text", description = "CSV text column. Default: ${DEFAULT-VALUE}.")
  String textColumn;

  @Option(names = "--label-column", defaultValue = "label",
      description = "CSV label column (0 or 1). Default: ${DEFAULT-VALUE}.")
  String labelColumn;

  @Option(names = "--data-dir", defaultValue = "data",
      description = "Where the IMDB download and split are kept. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--limit", defaultValue = "0",
      description = "Use only the first N training and N test reviews (0: all). Default: ${DEFAULT-VALUE}.")
  int limit;

  TrainingData load(long seed) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 (all) or positive, got " + limit);
    }
    if (csv != null) {
      return TrainingData.csv(csv, textColumn, labelColumn, seed, null, System.out);
    }
    return switch (data) {
      case "imdb" -> TrainingData.imdb(dataDir, seed, limit);
      case "synthetic" -> TrainingData.synthetic(seed);
      default -> throw new IllegalArgumentException(
          "Unknown --data '" + data + "': use imdb or synthetic, or --csv FILE");
    };
  }

  /** The data encoded for an existing model: with its vocabulary for text. */
  TrainingData loadFor(dev.rnnkit.savedmodel.export.ModelDirectory.Loaded loaded, long seed) throws IOException {
    if (csv != null) {
      var vectorizer = dev.rnnkit.examples.FineTuning.vectorizerOf(loaded);
      if (vectorizer == null) {
        throw new IllegalArgumentException("The model has no vocabulary (it was trained on ids):"
            + " it cannot read text from a CSV");
      }
      return TrainingData.csv(csv, textColumn, labelColumn, seed, vectorizer, System.out);
    }
    return switch (data) {
      case "imdb" -> dev.rnnkit.examples.FineTuning.imdbFor(loaded, dataDir, seed, limit);
      case "synthetic" -> TrainingData.synthetic(seed);
      default -> throw new IllegalArgumentException(
          "Unknown --data '" + data + "': use imdb or synthetic, or --csv FILE");
    };
  }
}
