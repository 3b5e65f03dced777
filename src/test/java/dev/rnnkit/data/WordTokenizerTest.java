package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras's text_to_word_sequence rules, each on a hand-worked example. */
class WordTokenizerTest {

  @Test
  void lowercases() {
    assertEquals(List.of("the", "movie", "élan"), WordTokenizer.words("The MOVIE Élan"));
  }

  @Test
  void htmlLineBreaksBecomeSpacesNotTheWordBr() {
    assertEquals(List.of("end", "next", "a", "b", "c"),
        WordTokenizer.words("End.<br /><br />Next a<BR/>b<br>c"));
  }

  @Test
  void everyKerasFilterCharacterSeparatesWords() {
    StringBuilder text = new StringBuilder("w");
    List<String> expected = new ArrayList<>(List.of("w"));
    for (char c : KerasTextRules.FILTERS.toCharArray()) {
      text.append(c).append('w').append((int) c);
      expected.add("w" + (int) c);
    }
    assertEquals(expected, WordTokenizer.words(text.toString()));
  }

  @Test
  void keepsApostrophesAndCharactersKerasDoesNotFilter() {
    assertEquals(List.of("don't", "it's", "“quoted”", "naïve"),
        WordTokenizer.words("Don't it's “quoted” naïve"));
  }

  @Test
  void splitsOnSpacesAfterFilteringAndDropsEmptyPieces() {
    // As Keras: tab and newline are filters (become spaces); other whitespace stays in the word.
    assertEquals(List.of("a", "b", "c\u0085d\u00a0e\r", "f"),
        WordTokenizer.words("  a\t\tb\nc\u0085d\u00a0e\r\nf  "));
    assertEquals(List.of(), WordTokenizer.words(" ... !!! <br /> "));
  }
}
