package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Labelled texts split into a training part and a test part. Both lists are unmodifiable. */
public record TrainTestSplit(List<LabelledText> train, List<LabelledText> test) {

  public TrainTestSplit {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  /**
   * Each class shuffled and cut in half, one half for training and one for test (with an odd
   * count the test part gets the extra text); each part is then shuffled so the classes mix. The
   * same texts in the same order and the same seed give the same split on every JVM, since
   * {@link SplittableRandom}'s sequence is fixed by its seed.
   */
  public static TrainTestSplit balancedHalves(List<LabelledText> texts, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LabelledText> train = new ArrayList<>();
    List<LabelledText> test = new ArrayList<>();
    // Classes in index order; binary data (0 and 1) is cut exactly as it always was.
    int lastClass = texts.stream().mapToInt(LabelledText::label).max().orElse(0);
    for (int label = 0; label <= Math.max(1, lastClass); label++) {
      List<LabelledText> ofClass = new ArrayList<>();
      for (LabelledText t : texts) {
        if (t.label() == label) {
          ofClass.add(t);
        }
      }
      shuffle(ofClass, random);
      int half = ofClass.size() / 2;
      train.addAll(ofClass.subList(0, half));
      test.addAll(ofClass.subList(half, ofClass.size()));
    }
    shuffle(train, random);
    shuffle(test, random);
    return new TrainTestSplit(train, test);
  }

  /**
   * A seeded shuffle cut into a training part and a test part of about {@code testFraction},
   * for users' own data (where the classes need not be balanced).
   */
  public static TrainTestSplit fraction(List<LabelledText> texts, double testFraction, long seed) {
    requireTestFraction(testFraction);
    if (!splits(texts.size(), testFraction)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Too few rows (%d) to split"
          + " into a training part and a test part (%.0f%%) of at least one row each: give at"
          + " least %d rows", texts.size(), 100 * testFraction, minimumRows(testFraction)));
    }
    List<LabelledText> all = new ArrayList<>(texts);
    shuffle(all, new SplittableRandom(seed));
    int test = testRows(all.size(), testFraction);
    return new TrainTestSplit(all.subList(test, all.size()), all.subList(0, test));
  }

  /** Refuses a test fraction that leaves no room for one of the two parts. */
  static void requireTestFraction(double testFraction) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("The test fraction must be in (0, 1), got " + testFraction);
    }
  }

  /**
   * The fewest rows {@link #fraction} accepts, found with the very rule it enforces, so that
   * what the message says and what is enforced cannot differ.
   */
  private static int minimumRows(double testFraction) {
    // round(n * f) >= 1 needs n >= 0.5 / f, and round(n * f) <= n - 1 needs n * (1 - f) > 0.5;
    // from that estimate, steps of one absorb floating-point rounding.
    int rows = (int) Math.max(2, Math.ceil(0.5 / Math.min(testFraction, 1 - testFraction)));
    while (!splits(rows, testFraction)) {
      rows++;
    }
    while (rows > 2 && splits(rows - 1, testFraction)) {
      rows--;
    }
    return rows;
  }

  /** Whether {@code rows} rows leave at least one for each part. */
  private static boolean splits(int rows, double testFraction) {
    int test = testRows(rows, testFraction);
    return test > 0 && test < rows;
  }

  private static int testRows(int rows, double testFraction) {
    return (int) Math.round(rows * testFraction);
  }

  /** Fisher-Yates, written out so the order depends only on the seed, not on a JDK version. */
  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}
