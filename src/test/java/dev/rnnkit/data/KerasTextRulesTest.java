package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules the Java vectorizer and the exported text signature both follow. */
class KerasTextRulesTest {

  @Test
  void theFilterClassMatchesExactlyTheFilterCharacters() {
    Pattern filter = Pattern.compile(KerasTextRules.FILTER_CLASS);
    StringBuilder matched = new StringBuilder();
    for (char c = 0; c < 256; c++) {
      if (filter.matcher(String.valueOf(c)).matches()) {
        matched.append(c);
      }
    }
    String sortedFilters = KerasTextRules.FILTERS.chars().sorted()
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    assertEquals(sortedFilters, matched.toString());
  }

  @Test
  void lineBreakTagsInEveryWayTheReviewsWriteThem() {
    Pattern tag = Pattern.compile(KerasTextRules.LINE_BREAK_TAG);
    for (String br : new String[] {"<br />", "<br>", "<br/>", "<br  />", "<br\t/>"}) {
      assertEquals(true, tag.matcher(br).matches(), br);
    }
    assertEquals(false, tag.matcher("<bra>").matches());
  }
}
