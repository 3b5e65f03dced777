package dev.rnnkit.data;

import java.util.SplittableRandom;

/**
 * A seeded sequence-classification task for checking that a model learns, with no download.
 *
 * <p>Token task: each sequence is random "filler" ids with a few "signal" ids placed at random
 * steps; each signal id is positive ({@code [4, 4+SIGNAL_IDS)}) or negative (the next
 * {@code SIGNAL_IDS} ids), and the label is 1 when positives outnumber negatives. A model must
 * learn which ids matter and count them across the sequence. Labels are balanced.
 */
public final class SyntheticTask {

  /** Number of positive (and of negative) signal ids. */
  public static final int SIGNAL_IDS = 10;
  private static final int FIRST_SIGNAL = 4;
  private static final int SIGNALS_PER_SEQUENCE = 3;
  /** Filler ids come from a few hundred ids, so that a few thousand sequences generalize. */
  private static final int FILLER_IDS = 400;

  private SyntheticTask() {}

  /** {@code n} token sequences of {@code timeSteps} ids in [0, vocabulary). */
  public static SequenceData tokens(int n, int timeSteps, int vocabulary, long seed) {
    int firstFiller = FIRST_SIGNAL + 2 * SIGNAL_IDS;
    if (vocabulary <= firstFiller || timeSteps < SIGNALS_PER_SEQUENCE) {
      throw new IllegalArgumentException(
          "The synthetic task needs a vocabulary above " + firstFiller + " and at least "
              + SIGNALS_PER_SEQUENCE + " time steps");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] flat = new int[n * timeSteps];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      int base = i * timeSteps;
      for (int t = 0; t < timeSteps; t++) {
        flat[base + t] = random.nextInt(firstFiller, Math.min(vocabulary, firstFiller + FILLER_IDS));
      }
      boolean positive = i % 2 == 0; // balanced labels
      int positives = positive ? 2 + random.nextInt(2) : random.nextInt(2);
      int[] steps = distinctSteps(random, timeSteps, SIGNALS_PER_SEQUENCE);
      for (int s = 0; s < SIGNALS_PER_SEQUENCE; s++) {
        int offset = s < positives ? FIRST_SIGNAL : FIRST_SIGNAL + SIGNAL_IDS;
        flat[base + steps[s]] = offset + random.nextInt(SIGNAL_IDS);
      }
      labels[i] = positive ? 1f : 0f;
    }
    return SequenceData.ofTokens(timeSteps, flat, labels);
  }

  /**
   * {@code n} float sequences [timeSteps, features] of standard normal values, labelled 1 when
   * the first feature's sum over the first half of the sequence is positive.
   */
  public static SequenceData features(int n, int timeSteps, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][][] x = new float[n][timeSteps][features];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int t = 0; t < timeSteps; t++) {
        for (int f = 0; f < features; f++) {
          x[i][t][f] = (float) random.nextGaussian();
        }
        if (t < (timeSteps + 1) / 2) {
          sum += x[i][t][0];
        }
      }
      labels[i] = sum > 0 ? 1f : 0f;
    }
    return SequenceData.ofFeatures(x, labels);
  }

  private static int[] distinctSteps(SplittableRandom random, int timeSteps, int count) {
    int[] steps = new int[count];
    for (int s = 0; s < count; s++) {
      boolean fresh;
      do {
        steps[s] = random.nextInt(timeSteps);
        fresh = true;
        for (int k = 0; k < s; k++) {
          fresh &= steps[k] != steps[s];
        }
      } while (!fresh);
    }
    return steps;
  }
}
