package dev.rnnkit.data;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@link SyntheticTask}'s token task, generated from the seed (training data with the seed, test
 * data with the seed + 1): no download, no text.
 *
 * @param timeSteps ids per sequence
 * @param vocabulary ids are in [0, vocabulary)
 */
public record SyntheticSource(int timeSteps, int vocabulary) implements DataSource {

  /** Training sequences generated when the sample sizes leave it open (0). */
  public static final int DEFAULT_TRAIN_SIZE = 4000;
  /** Test sequences generated when the sample sizes leave it open (0). */
  public static final int DEFAULT_TEST_SIZE = 1000;

  /** Sequences shaped as the encoded IMDB reviews are, so the same model reads both. */
  public SyntheticSource() {
    this(VectorizerConfig.KERAS_IMDB.maxLength(), VectorizerConfig.KERAS_IMDB.numWords());
  }

  @Override
  public TrainingData load(long seed, SampleSizes sizes, Consumer<String> progress) {
    SequenceData train = SyntheticTask.tokens(sizes.trainOr(DEFAULT_TRAIN_SIZE), timeSteps,
        vocabulary, seed);
    SequenceData test = SyntheticTask.tokens(sizes.testOr(DEFAULT_TEST_SIZE), timeSteps,
        vocabulary, seed + 1);
    return new TrainingData(name(), String.format(Locale.ROOT, "synthetic token task (label: more"
        + " positive than negative signal ids among random filler; %d ids per sequence,"
        + " vocabulary %,d), generated with seed %d: %,d training and %,d test sequences",
        timeSteps, vocabulary, seed, train.size(), test.size()), train, test, null);
  }

  @Override
  public String name() {
    return "synthetic";
  }

  /** Generated sequences of {@code maxLength} ids; they have no natural lengths to keep. */
  @Override
  public SyntheticSource withMaxLength(int maxLength) {
    if (maxLength == VectorizerConfig.NO_MAX_LENGTH) {
      throw new IllegalArgumentException("Synthetic sequences have no lengths of their own:"
          + " --max-length none needs texts (--data imdb or a CSV file)");
    }
    return new SyntheticSource(maxLength, vocabulary);
  }

  @Override
  public SyntheticSource withVectorizer(TextVectorizer vectorizer) {
    return this;
  }
}
