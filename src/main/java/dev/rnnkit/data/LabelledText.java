package dev.rnnkit.data;

import java.util.Objects;

/**
 * One text with its class: 0 or 1 for a binary task (e.g. a movie review and its sentiment), or
 * a class index 0, 1, 2, ... of a multi-class one.
 */
public record LabelledText(String text, int label) {

  public LabelledText {
    Objects.requireNonNull(text, "text");
    if (label < 0) {
      throw new IllegalArgumentException("A label is a class index 0, 1, 2, ..., got " + label
          + ": map the classes to 0, 1, 2, ... first");
    }
  }
}
