package dev.rnnkit.compare;

import java.util.List;

/**
 * The long-range dependency test (see {@link dev.rnnkit.data.LongRangeTask}): for each sequence
 * length, every model is trained on the same generated data with the same budget and its test
 * accuracy recorded. An empty {@code lengths} list skips the test.
 *
 * @param vocabulary token ids of the task (marker, filler); the model's Embedding gets this many
 *     rows instead of the article's 10,000, which no sequence of the task would use
 * @param window leading positions that may hold the marker
 */
public record LongRangeSettings(
    List<Integer> lengths, int trainSize, int testSize, int epochs, int vocabulary, int window) {

  public LongRangeSettings {
    lengths = lengths.stream().sorted().toList(); // ascending, for tables and plots
    for (int length : lengths) {
      if (length < window) {
        throw new IllegalArgumentException("Each long-range length must be at least the marker"
            + " window (" + window + "), got " + length);
      }
    }
    if (lengths.stream().distinct().count() != lengths.size()) {
      throw new IllegalArgumentException("Long-range lengths must differ, got " + lengths);
    }
    if (trainSize < 2 || testSize < 2) {
      throw new IllegalArgumentException("The long-range test needs at least 2 training and 2 test"
          + " sequences, got " + trainSize + " and " + testSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("Long-range epochs must be at least 1, got " + epochs);
    }
  }

  public boolean enabled() {
    return !lengths.isEmpty();
  }

  /** The same settings at other lengths. */
  public LongRangeSettings withLengths(List<Integer> newLengths) {
    return new LongRangeSettings(newLengths, trainSize, testSize, epochs, vocabulary, window);
  }

  public LongRangeSettings withEpochs(int newEpochs) {
    return new LongRangeSettings(lengths, trainSize, testSize, newEpochs, vocabulary, window);
  }

  public LongRangeSettings withSizes(int newTrainSize, int newTestSize) {
    return new LongRangeSettings(lengths, newTrainSize, newTestSize, epochs, vocabulary, window);
  }
}
