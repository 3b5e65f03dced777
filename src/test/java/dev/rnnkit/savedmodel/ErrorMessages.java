package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks that a call fails with a SavedModelException whose message says what it should. */
final class ErrorMessages {

  private ErrorMessages() {}

  static void assertMessage(Executable call, String... fragments) {
    SavedModelException e = assertThrows(SavedModelException.class, call);
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment),
          "'" + e.getMessage() + "' should mention '" + fragment + "'");
    }
  }
}
