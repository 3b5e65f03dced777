package dev.rnnkit.data;

/**
 * How many training and test sequences a {@link DataSource} gives: of real data at most {@code
 * train} and {@code test}, the first ones of its shuffled split; of generated data exactly that
 * many. 0 stands for all of real data, and for the default size of generated data.
 */
public record SampleSizes(int train, int test) {

  /** All of real data; the default sizes of generated data. */
  public static final SampleSizes ALL = new SampleSizes(0, 0);

  public SampleSizes {
    if (train < 0 || test < 0) {
      throw new IllegalArgumentException("Sample sizes must be 0 (all) or positive, got "
          + train + " training and " + test + " test sequences");
    }
  }

  /** At most {@code n} training and {@code n} test sequences. */
  public static SampleSizes each(int n) {
    return new SampleSizes(n, n);
  }

  /** The first training sequences of {@code all}, as many as asked for. */
  SequenceData ofTrain(SequenceData all) {
    return first(all, train);
  }

  /** The first test sequences of {@code all}, as many as asked for. */
  SequenceData ofTest(SequenceData all) {
    return first(all, test);
  }

  /** How many training sequences to generate: as asked, or {@code byDefault} for 0. */
  int trainOr(int byDefault) {
    return train == 0 ? byDefault : train;
  }

  /** How many test sequences to generate: as asked, or {@code byDefault} for 0. */
  int testOr(int byDefault) {
    return test == 0 ? byDefault : test;
  }

  private static SequenceData first(SequenceData all, int wanted) {
    return wanted == 0 ? all : all.slice(0, Math.min(wanted, all.size()));
  }
}
