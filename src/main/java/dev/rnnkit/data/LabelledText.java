package dev.rnnkit.data;

import java.util.Objects;

/** One text with a binary label (0 or 1), e.g. a movie review and its sentiment. */
public record LabelledText(String text, int label) {

  public LabelledText {
    Objects.requireNonNull(text, "text");
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException(
          "A label must be 0 or 1, got " + label + ": map the two classes to 0 and 1 first");
    }
  }
}
