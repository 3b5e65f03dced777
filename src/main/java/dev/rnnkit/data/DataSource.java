package dev.rnnkit.data;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where a run's labelled sequences come from and how they are made: generated ({@link
 * SyntheticSource}), the IMDB reviews ({@link ImdbSource}), a CSV file of labelled texts
 * ({@link CsvSource}) or the SpamAssassin e-mails in three classes ({@link SpamAssassinSource}).
 * A text source splits by an explicit {@link SplitPolicy} and encodes with a
 * vocabulary fitted on its training part, or with a fixed vectorizer (a fine-tuned model keeps
 * its own). Every source but the e-mails gives sequences of 50 ids over 10,000 by default, so the
 * article's models read them all; the e-mails keep their own lengths, for a masked model with an
 * open length. Immutable; loading is the only work.
 *
 * <pre>{@code
 * TrainingData data = new ImdbSource(Path.of("data")).load(42, SampleSizes.each(3000),
 *     System.err::println);
 * }</pre>
 */
public sealed interface DataSource
    permits SyntheticSource, ImdbSource, CsvSource, SpamAssassinSource {

  /**
   * Loads, splits and encodes the data, or generates it.
   *
   * @param seed fixes the split (or the generated data); the same seed gives the same sequences
   * @param progress receives a line per step, e.g. {@code System.out::println}
   */
  TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress) throws IOException;

  /**
   * A short name for reports and checkpoints: {@code synthetic}, {@code imdb}, {@code
   * csv:FILE-NAME} or {@code spam-assassin}.
   */
  String name();

  /**
   * This source encoding its texts with {@code vectorizer} instead of a vocabulary fitted on its
   * training part; generated id data has no text and stays as it is.
   */
  DataSource withVectorizer(TextVectorizer vectorizer);

  /**
   * This source with texts padded or truncated to {@code maxLength} ids, or kept at their own
   * lengths with {@link VectorizerConfig#NO_MAX_LENGTH} (ragged data, for a model with an open
   * length). A source that encodes with a given vectorizer keeps that one's setting.
   *
   * @throws IllegalArgumentException for a length the source cannot give
   */
  DataSource withMaxLength(int maxLength);
}
