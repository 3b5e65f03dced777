package dev.rnnkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a message says what it should, for tests of every package. */
public final class Mentions {

  private Mentions() {}

  /** Fails, quoting {@code text}, unless it contains every fragment. */
  public static void assertMentions(String text, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(text.contains(fragment), "'" + text + "' should mention '" + fragment + "'");
    }
  }
}
