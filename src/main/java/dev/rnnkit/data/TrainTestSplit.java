package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.List;
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
    for (int label = 0; label <= 1; label++) {
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
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("The test fraction must be in (0, 1), got " + testFraction);
    }
    List<LabelledText> all = new ArrayList<>(texts);
    shuffle(all, new SplittableRandom(seed));
    int test = (int) Math.round(all.size() * testFraction);
    if (test == 0 || test == all.size()) {
      throw new IllegalArgumentException("Too few rows (" + all.size() + ") to split into training"
          + " and test parts: give at least " + (int) Math.ceil(2 / Math.min(testFraction, 1 - testFraction)) + " rows");
    }
    return new TrainTestSplit(all.subList(test, all.size()), all.subList(0, test));
  }

  /** Fisher-Yates, written out so the order depends only on the seed, not on a JDK version. */
  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}
