package dev.rnnkit.data;

/**
 * How texts become fixed-length id sequences: ids at or above {@code numWords} become the
 * out-of-vocabulary id (Keras's {@code num_words}), and every sequence is padded or truncated to
 * {@code maxLength} (Keras's {@code pad_sequences(maxlen=...)}).
 */
public record VectorizerConfig(int numWords, int maxLength) {

  /** The document's setting: {@code imdb.load_data(num_words=10000)}, {@code maxlen=50}. */
  public static final VectorizerConfig KERAS_IMDB = new VectorizerConfig(10_000, 50);

  public VectorizerConfig {
    if (numWords <= KerasTextRules.FIRST_WORD_ID) {
      throw new IllegalArgumentException("numWords must exceed " + KerasTextRules.FIRST_WORD_ID
          + " (ids 0-2 are reserved, words start at " + KerasTextRules.FIRST_WORD_ID + "), got "
          + numWords);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
    }
  }
}
