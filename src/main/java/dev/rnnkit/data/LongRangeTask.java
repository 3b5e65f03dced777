package dev.rnnkit.data;

import java.util.SplittableRandom;

/**
 * A seeded task whose label depends only on the start of the sequence, for testing how far back a
 * recurrent model carries information.
 *
 * <p>Each sequence is {@code length} filler ids drawn uniformly from {@code [FIRST_FILLER_ID,
 * vocabulary)}. A positive sequence also holds the {@link #MARKER_ID} at one random position among
 * the first {@code window}; a negative sequence holds no marker at all. So the label is exactly
 * "the marker is in the first {@code window} positions", every later token is noise independent
 * of the label, and a many-to-one model that reads the last step must carry the marker across
 * {@code length - window} or more steps. Exactly half the sequences (rounded down) are positive,
 * in a random order.
 */
public final class LongRangeTask {

  /** The token whose presence near the start decides the label. */
  public static final int MARKER_ID = 1;
  /** Filler ids start here; id 0 stays the padding id, unused by this task. */
  public static final int FIRST_FILLER_ID = 2;
  /** How many leading positions may hold the marker, unless a caller picks another window. */
  public static final int DEFAULT_WINDOW = 5;

  private LongRangeTask() {}

  /**
   * {@code n} labelled sequences of {@code length} ids in {@code [0, vocabulary)}; the same
   * arguments give the same data.
   */
  public static SequenceData generate(int n, int length, int vocabulary, int window, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("The long-range task needs at least 2 sequences, got " + n);
    }
    if (window < 1 || length < window) {
      throw new IllegalArgumentException("The marker window must be between 1 and the sequence"
          + " length; got window " + window + " for length " + length);
    }
    if (vocabulary <= FIRST_FILLER_ID) {
      throw new IllegalArgumentException("The long-range task needs a vocabulary above "
          + FIRST_FILLER_ID + " (the marker and at least one filler id), got " + vocabulary);
    }
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] positive = balancedLabels(n, random);
    int[] flat = new int[n * length];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      int base = i * length;
      for (int t = 0; t < length; t++) {
        flat[base + t] = random.nextInt(FIRST_FILLER_ID, vocabulary);
      }
      if (positive[i]) {
        flat[base + random.nextInt(window)] = MARKER_ID;
        labels[i] = 1f;
      }
    }
    return SequenceData.ofTokens(length, flat, labels);
  }

  /** The task's rule: 1 when the marker is among the first {@code window} ids, else 0. */
  public static float label(int[] tokens, int window) {
    for (int t = 0; t < Math.min(window, tokens.length); t++) {
      if (tokens[t] == MARKER_ID) {
        return 1f;
      }
    }
    return 0f;
  }

  /** {@code n / 2} trues in a seeded random order (Fisher-Yates, so the order depends on the seed only). */
  private static boolean[] balancedLabels(int n, SplittableRandom random) {
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n / 2; i++) {
      positive[i] = true;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      boolean swap = positive[i];
      positive[i] = positive[j];
      positive[j] = swap;
    }
    return positive;
  }
}
