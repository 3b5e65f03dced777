package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a text into words the way Keras's {@code text_to_word_sequence} does with its
 * defaults, after removing HTML line breaks ({@link KerasTextRules}): lowercase; {@code <br />}
 * (also {@code <br>}, {@code <br/>}, any case) becomes a space; each character of {@link
 * KerasTextRules#FILTERS} becomes a space; the rest is split on the space character and empty
 * pieces are dropped, exactly as Keras (whose filters turn tab and newline into spaces; other
 * whitespace such as U+00A0 or U+0085 stays inside a word, as in Keras). The apostrophe is not a
 * filter, so "don't" stays one word.
 *
 * <p>The exported SavedModel's text signature applies the same rules in TensorFlow ops; a test
 * holds the two equal.
 */
public final class WordTokenizer {

  private static final Pattern LINE_BREAK_TAG = Pattern.compile(KerasTextRules.LINE_BREAK_TAG);
  private static final boolean[] IS_FILTERED = new boolean[128];

  static {
    for (char c : KerasTextRules.FILTERS.toCharArray()) {
      IS_FILTERED[c] = true;
    }
  }

  private WordTokenizer() {}

  /** The words of {@code text}, in order. */
  public static List<String> words(String text) {
    String lower = LINE_BREAK_TAG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    List<String> words = new ArrayList<>();
    int start = -1; // start of the current word, or -1 between words
    for (int i = 0; i <= lower.length(); i++) {
      boolean separator = i == lower.length() || isSeparator(lower.charAt(i));
      if (separator && start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return words;
  }

  private static boolean isSeparator(char c) {
    if (c < IS_FILTERED.length && IS_FILTERED[c]) {
      return true;
    }
    return c == ' ';
  }
}
