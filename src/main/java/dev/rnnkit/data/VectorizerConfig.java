package dev.rnnkit.data;

/**
 * How texts become id sequences: ids at or above {@code numWords} become the out-of-vocabulary
 * id (Keras's {@code num_words}), and every sequence is padded or truncated to {@code maxLength}
 * (Keras's {@code pad_sequences(maxlen=...)}), or, with {@link #NO_MAX_LENGTH}, kept at its own
 * length (Keras's {@code maxlen=None}) for a model with an open length.
 */
public record VectorizerConfig(int numWords, int maxLength) {

  /** {@code maxLength} of sequences kept at their own lengths (Keras's {@code maxlen=None}). */
  public static final int NO_MAX_LENGTH = -1;

  /** The document's setting: {@code imdb.load_data(num_words=10000)}, {@code maxlen=50}. */
  public static final VectorizerConfig KERAS_IMDB = new VectorizerConfig(10_000, 50);

  public VectorizerConfig {
    if (numWords <= KerasTextRules.FIRST_WORD_ID) {
      throw new IllegalArgumentException("numWords must exceed " + KerasTextRules.FIRST_WORD_ID
          + " (ids 0-2 are reserved, words start at " + KerasTextRules.FIRST_WORD_ID + "), got "
          + numWords);
    }
    if (maxLength < 1 && maxLength != NO_MAX_LENGTH) {
      throw new IllegalArgumentException("maxLength must be at least 1 (or NO_MAX_LENGTH), got "
          + maxLength);
    }
  }

  /** These settings with another {@code maxLength}. */
  public VectorizerConfig withMaxLength(int length) {
    return new VectorizerConfig(numWords, length);
  }

  /** Whether sequences keep their own lengths. */
  public boolean keepsLengths() {
    return maxLength == NO_MAX_LENGTH;
  }

  /** Keras's spelling of {@code maxLength}: a number or {@code None}. */
  public String maxLengthText() {
    return keepsLengths() ? "None" : Integer.toString(maxLength);
  }
}
