package dev.rnnkit.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The data a run trains and tests on, as a {@link DataSource} loads it: token ids for train and
 * test and, for text, the vectorizer that made them (saved with the model so that it predicts on
 * raw text).
 *
 * @param name the source's short name, e.g. {@code imdb} or {@code csv:reviews.csv}; checkpoints
 *     record it
 * @param description what the data is and how it was made, for reports
 * @param vectorizer the text encoding, or null for generated id data
 * @param classNames the names of classes 0, 1, ... of a multi-class task (softmax), or null for
 *     a binary one (labels 0/1, sigmoid)
 */
public record TrainingData(String name, String description, SequenceData train,
    SequenceData test, TextVectorizer vectorizer, List<String> classNames) {

  public TrainingData {
    classNames = classNames == null ? null : List.copyOf(classNames);
  }

  /** Binary data (labels 0/1). */
  public TrainingData(String name, String description, SequenceData train, SequenceData test,
      TextVectorizer vectorizer) {
    this(name, description, train, test, vectorizer, null);
  }

  /** The number of classes: 2 for binary data. */
  public int classes() {
    return classNames == null ? 2 : classNames.size();
  }

  /**
   * Whether the task has more than two classes, so a softmax output; two named classes stay the
   * binary sigmoid model, their names only printed.
   */
  public boolean multiClass() {
    return classes() > 2;
  }

  /**
   * This data with its class-index labels one-hot encoded over {@link #classes()} (Keras's
   * {@code to_categorical}), for a model trained with {@code categorical_crossentropy}.
   */
  public TrainingData withCategoricalLabels() {
    return new TrainingData(name, description, train.withCategoricalLabels(classes()),
        test.withCategoricalLabels(classes()), vectorizer, classNames);
  }

  /**
   * The first {@code sizes} of a split that was already shuffled, so a random sample of it,
   * described as {@code what: N of M training and ... test sequences}.
   */
  static TrainingData sample(String name, String what, SequenceData train, SequenceData test,
      TextVectorizer vectorizer, SampleSizes sizes) {
    return sample(name, what, train, test, vectorizer, null, sizes);
  }

  /** As above, of a task with {@code classNames} (null: binary). */
  static TrainingData sample(String name, String what, SequenceData train, SequenceData test,
      TextVectorizer vectorizer, List<String> classNames, SampleSizes sizes) {
    SequenceData sampledTrain = sizes.ofTrain(train);
    SequenceData sampledTest = sizes.ofTest(test);
    return new TrainingData(name, String.format(Locale.ROOT, "%s: %,d of %,d training and %,d of"
        + " %,d test sequences", what, sampledTrain.size(), train.size(), sampledTest.size(),
        test.size()), sampledTrain, sampledTest, vectorizer, classNames);
  }

  /** Keras's names of a text encoding's settings, e.g. {@code num_words 10,000, maxlen 50}. */
  static String encodingOf(TextVectorizer vectorizer) {
    return String.format(Locale.ROOT, "num_words %,d, maxlen %s", vectorizer.config().numWords(),
        vectorizer.config().maxLengthText());
  }

  /** The vocabulary to save with a model (words by rank), or null for id data. */
  public List<String> vocabulary() {
    return vectorizer == null ? null : vectorizer.rankedWords();
  }

  /**
   * SHA-256 of the training and test sequences and labels as encoded, in hex: a changed data file,
   * split, sample size or encoding changes it.
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
