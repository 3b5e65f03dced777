package dev.rnnkit.data;

import java.util.Arrays;

/** Keras's {@code pad_sequences} with its defaults: {@code padding='pre', truncating='pre'}. */
public final class SequencePadding {

  private SequencePadding() {}

  /**
   * {@code ids} made exactly {@code length} long: a short sequence gets {@link
   * KerasTextRules#PADDING_ID} in front, a long one loses its first ids (the last {@code length}
   * are kept).
   */
  public static int[] pre(int[] ids, int length) {
    if (ids.length >= length) {
      return Arrays.copyOfRange(ids, ids.length - length, ids.length);
    }
    int[] padded = new int[length];
    Arrays.fill(padded, 0, length - ids.length, KerasTextRules.PADDING_ID);
    System.arraycopy(ids, 0, padded, length - ids.length, ids.length);
    return padded;
  }
}
