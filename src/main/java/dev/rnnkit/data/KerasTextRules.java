package dev.rnnkit.data;

/**
 * The one statement of how RNNKit turns text into ids, as Keras does: the characters
 * {@code text_to_word_sequence} filters, the HTML line break the reviews carry, and the ids of
 * {@code keras.datasets.imdb}. Two implementations follow it: {@link WordTokenizer} with {@link
 * TextVectorizer} in Java, and the text signature of an exported SavedModel in TensorFlow ops; a
 * test holds the two equal.
 */
public final class KerasTextRules {

  /** The characters Keras's text preprocessing filters out (turns into spaces) by default. */
  public static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

  /**
   * {@link #FILTERS} as one regular-expression character class, written so that Java's regular
   * expressions and TensorFlow's (RE2) read it alike.
   */
  public static final String FILTER_CLASS = characterClass(FILTERS);

  /**
   * HTML line breaks as the reviews write them ({@code <br />}, {@code <br>}, {@code <br/>}), a
   * regular expression for lowercased text that Java and RE2 read alike. Filtering alone would
   * leave the word "br".
   */
  public static final String LINE_BREAK_TAG = "<br[ \\t\\n\\f\\r]*/?>";

  public static final int PADDING_ID = 0;
  /** Starts every sequence. */
  public static final int START_ID = 1;
  /** Stands for an unseen word and for every id at or above {@code num_words}. */
  public static final int OUT_OF_VOCABULARY_ID = 2;
  /** Keras's {@code index_from}: the word of frequency rank r (1 = most frequent) has id r + 3. */
  public static final int INDEX_FROM = 3;
  /** Id of the most frequent word. */
  public static final int FIRST_WORD_ID = INDEX_FROM + 1;

  private KerasTextRules() {}

  /** {@code [...]} matching exactly the given characters. */
  private static String characterClass(String characters) {
    StringBuilder out = new StringBuilder("[");
    for (char c : characters.toCharArray()) {
      switch (c) {
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\\', '[', ']', '-' -> out.append('\\').append(c);
        case '^' -> out.append(out.length() == 1 ? "\\^" : "^"); // special only first
        default -> out.append(c);
      }
    }
    return out.append(']').toString();
  }
}
