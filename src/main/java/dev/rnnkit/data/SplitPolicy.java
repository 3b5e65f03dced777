package dev.rnnkit.data;

import java.util.List;
import java.util.Locale;

/**
 * How labelled texts are cut into a training part and a test part; the seed of the load fixes
 * the cut. The policy is part of a data source, not of the command that loads it, so that the
 * same file is split the same way wherever the same policy is named.
 */
public sealed interface SplitPolicy {

  /** 80% training, 20% test after a seeded shuffle: for users' own data, classes as they come. */
  SplitPolicy EIGHTY_TWENTY = new TestFraction(0.2);

  /**
   * Each class shuffled and cut in half: the IMDB split (25,000 / 25,000, the sizes of Keras's
   * fixed split but drawn with the seed; see data/README.md), and the comparison's split of a CSV
   * file.
   */
  SplitPolicy BALANCED_HALVES = new BalancedHalves();

  /** The training and test parts of {@code texts}. */
  TrainTestSplit apply(List<LabelledText> texts, long seed);

  /** How the command line names it: {@code 80-20} (training-test percentages) or {@code balanced-halves}. */
  String name();

  /**
   * The policy named {@code 80-20} (any two percentages that add up to 100) or {@code
   * balanced-halves}.
   */
  static SplitPolicy parse(String name) {
    if (name.equals(BALANCED_HALVES.name())) {
      return BALANCED_HALVES;
    }
    String[] percentages = name.split("-", -1);
    if (percentages.length == 2 && percentages[0].matches("\\d{1,2}")
        && percentages[1].matches("\\d{1,2}")) {
      int train = Integer.parseInt(percentages[0]);
      int test = Integer.parseInt(percentages[1]);
      if (train > 0 && test > 0 && train + test == 100) {
        return new TestFraction(test / 100.0);
      }
    }
    throw new IllegalArgumentException("Unknown split '" + name + "': use 80-20 (training and"
        + " test percentages that add up to 100) or balanced-halves");
  }

  /** A seeded shuffle cut so that about {@code fraction} of the texts are for test. */
  record TestFraction(double fraction) implements SplitPolicy {
    public TestFraction {
      TrainTestSplit.requireTestFraction(fraction);
    }

    @Override
    public TrainTestSplit apply(List<LabelledText> texts, long seed) {
      return TrainTestSplit.fraction(texts, fraction, seed);
    }

    @Override
    public String name() {
      return String.format(Locale.ROOT, "%d-%d", Math.round(100 * (1 - fraction)),
          Math.round(100 * fraction));
    }
  }

  /** {@link TrainTestSplit#balancedHalves}. */
  record BalancedHalves() implements SplitPolicy {
    @Override
    public TrainTestSplit apply(List<LabelledText> texts, long seed) {
      return TrainTestSplit.balancedHalves(texts, seed);
    }

    @Override
    public String name() {
      return "balanced-halves";
    }
  }
}
