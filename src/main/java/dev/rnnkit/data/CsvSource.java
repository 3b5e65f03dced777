package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A CSV file of labelled texts (with a header; see {@link LabelledCsv}), split by {@code split}
 * and encoded as IMDB is (num_words 10,000, maxlen 50) with a vocabulary fitted on the training
 * part only, or with {@code vectorizer} when one is given.
 *
 * @param textColumn the header of the column that holds the texts
 * @param labelColumn the header of the column that holds the labels: 0/1 for a binary task, or
 *     class numbers or names (see {@link LabelledCsv}) for a multi-class one
 * @param vectorizer the fixed encoding, or null to fit one
 */
public record CsvSource(Path file, String textColumn, String labelColumn, SplitPolicy split,
    TextVectorizer vectorizer, VectorizerConfig encoding) implements DataSource {

  public CsvSource {
    encoding = encoding == null ? VectorizerConfig.KERAS_IMDB : encoding;
  }

  /** The file with a vocabulary fitted on its training part. */
  public CsvSource(Path file, String textColumn, String labelColumn, SplitPolicy split) {
    this(file, textColumn, labelColumn, split, null);
  }

  /** The file encoded with {@code vectorizer} (null: one fitted on its training part). */
  public CsvSource(Path file, String textColumn, String labelColumn, SplitPolicy split,
      TextVectorizer vectorizer) {
    this(file, textColumn, labelColumn, split, vectorizer, null);
  }

  /**
   * {@inheritDoc}
   *
   * @throws DataFileException also when the texts hold no words (the wrong column, say) or the
   *     training rows hold none, before any training
   */
  @Override
  public TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress)
      throws IOException {
    LabelledCsv.Classified classified = LabelledCsv.readClasses(file, textColumn, labelColumn);
    List<LabelledText> rows = classified.rows();
    requireWords(rows);
    TrainTestSplit parts = split.apply(rows, seed);
    TextVectorizer encoding = vectorizer != null ? vectorizer : fit(parts.train());
    progress.accept(String.format(Locale.ROOT, "%s: %,d rows, %,d for training and %,d for test;"
        + " %,d words", file, rows.size(), parts.train().size(), parts.test().size(),
        encoding.vocabularySize()));
    return TrainingData.sample(name(), file.getFileName() + " (columns '" + textColumn + "' and '"
        + labelColumn + "', " + TrainingData.encodingOf(encoding) + ", split seed " + seed + ")",
        encoding.vectorize(parts.train()), encoding.vectorize(parts.test()), encoding,
        classified.classNames(), sizes);
  }

  /** Texts without words are the wrong column, or an empty one: nothing to learn from. */
  private void requireWords(List<LabelledText> rows) throws DataFileException {
    if (rows.stream().allMatch(row -> WordTokenizer.words(row.text()).isEmpty())) {
      throw new DataFileException(file, DataFileException.NO_LINE, "none of the " + rows.size()
          + " texts in column '" + textColumn + "' holds a word, only spaces and punctuation:"
          + " name the column that holds the texts, or fill this one");
    }
  }

  /** The vectorizer of the training texts, which must give it at least one word. */
  private TextVectorizer fit(List<LabelledText> training) throws DataFileException {
    TextVectorizer fitted = TextVectorizer.fit(
        training.stream().map(LabelledText::text).toList(), encoding);
    if (fitted.vocabularySize() == 0) {
      // Without a word there is no vocabulary, and a text model without one cannot be saved.
      throw new DataFileException(file, DataFileException.NO_LINE, "the " + training.size()
          + " rows chosen for training hold no word in column '" + textColumn + "', only the"
          + " test rows do: add rows with text");
    }
    return fitted;
  }

  /** {@code csv:} and the file's name. */
  @Override
  public String name() {
    return "csv:" + file.getFileName();
  }

  @Override
  public CsvSource withVectorizer(TextVectorizer vectorizer) {
    return new CsvSource(file, textColumn, labelColumn, split, vectorizer, encoding);
  }

  @Override
  public CsvSource withMaxLength(int maxLength) {
    return new CsvSource(file, textColumn, labelColumn, split, vectorizer,
        encoding.withMaxLength(maxLength));
  }
}
