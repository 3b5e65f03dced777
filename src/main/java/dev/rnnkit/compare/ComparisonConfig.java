package dev.rnnkit.compare;

import dev.rnnkit.data.DataSource;
import dev.rnnkit.data.LongRangeTask;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SyntheticSource;
import dev.rnnkit.model.ArticleModels.Cell;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Everything a comparison run does, immutable. Start from {@link #defaults()} (about ten minutes
 * on two cores) or {@link #quick()} (about one minute) and change what you need with {@link
 * #toBuilder()}.
 *
 * @param cells the models compared, each the article's model with that cell
 * @param seedCount how many seeds each model is trained with: {@code baseSeed},
 *     {@code baseSeed + 1}, ...; a seed fixes initial weights and shuffling
 * @param baseSeed first model seed; also fixes the data, which is the same for every seed
 * @param epochs training epochs on the main data
 * @param data the main data; a CSV file's split is part of it
 * @param trainSize training sequences of the main data: at most this many of real data (0: all),
 *     exactly this many generated (see {@link SampleSizes})
 * @param testSize test sequences of the main data, likewise
 */
public record ComparisonConfig(
    DataSource data,
    List<Cell> cells,
    int seedCount,
    long baseSeed,
    int epochs,
    int batchSize,
    int trainSize,
    int testSize,
    LongRangeSettings longRange,
    LatencySettings latency) {

  public ComparisonConfig {
    cells = List.copyOf(cells);
    if (cells.isEmpty() || cells.stream().distinct().count() != cells.size()) {
      throw new IllegalArgumentException("Compare at least one model, each once; got " + cells);
    }
    if (seedCount < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, got " + seedCount);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    new SampleSizes(trainSize, testSize); // refuses negative sizes
  }

  /**
   * The default run: 3 seeds, 5 epochs of 4,000 synthetic sequences, and the long-range test at
   * lengths 25, 50, 100 and 200 with 2,000 sequences for 6 epochs. Length 400 is left out by
   * default: it costs as much as all the shorter lengths together (a step's time grows with the
   * length), and within this budget no model learns the task at 100 already.
   */
  public static ComparisonConfig defaults() {
    return new ComparisonConfig(new SyntheticSource(), Cell.ARTICLE, 3, 42, 5, 32,
        4000, 1000,
        new LongRangeSettings(List.of(25, 50, 100, 200), 2000, 500, 6, 100,
            LongRangeTask.DEFAULT_WINDOW),
        new LatencySettings(20, 100, 5, 30));
  }

  /** A run of about a minute: 2 seeds, fewer epochs and samples, two short lengths. */
  public static ComparisonConfig quick() {
    return new ComparisonConfig(new SyntheticSource(), Cell.ARTICLE, 2, 42, 2, 32,
        1000, 250,
        new LongRangeSettings(List.of(10, 25), 500, 200, 2, 100, LongRangeTask.DEFAULT_WINDOW),
        new LatencySettings(5, 20, 2, 10));
  }

  /** How much of the main data is used. */
  public SampleSizes sampleSizes() {
    return new SampleSizes(trainSize, testSize);
  }

  /** The model seeds, {@code baseSeed} upwards. */
  public List<Long> seeds() {
    return LongStream.range(baseSeed, baseSeed + seedCount).boxed().toList();
  }

  /** Training steps of one epoch on the main data. */
  public int stepsPerEpoch(int trainSequences) {
    return (trainSequences + batchSize - 1) / batchSize;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a config. */
  public static final class Builder {
    private DataSource data;
    private List<Cell> cells;
    private int seedCount;
    private long baseSeed;
    private int epochs;
    private int batchSize;
    private int trainSize;
    private int testSize;
    private LongRangeSettings longRange;
    private LatencySettings latency;

    private Builder(ComparisonConfig c) {
      data = c.data;
      cells = c.cells;
      seedCount = c.seedCount;
      baseSeed = c.baseSeed;
      epochs = c.epochs;
      batchSize = c.batchSize;
      trainSize = c.trainSize;
      testSize = c.testSize;
      longRange = c.longRange;
      latency = c.latency;
    }

    public Builder data(DataSource value) {
      data = value;
      return this;
    }

    public Builder cells(List<Cell> value) {
      cells = value;
      return this;
    }

    public Builder seedCount(int value) {
      seedCount = value;
      return this;
    }

    public Builder baseSeed(long value) {
      baseSeed = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder trainSize(int value) {
      trainSize = value;
      return this;
    }

    public Builder testSize(int value) {
      testSize = value;
      return this;
    }

    public Builder longRange(LongRangeSettings value) {
      longRange = value;
      return this;
    }

    public Builder latency(LatencySettings value) {
      latency = value;
      return this;
    }

    public ComparisonConfig build() {
      return new ComparisonConfig(data, cells, seedCount, baseSeed, epochs, batchSize, trainSize,
          testSize, longRange, latency);
    }
  }
}
