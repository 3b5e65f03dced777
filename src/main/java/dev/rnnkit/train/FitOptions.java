package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import java.io.PrintStream;
import java.util.List;

/**
 * Options of {@code fit}, Keras's defaults: 1 epoch, batch 32, shuffle every epoch, no
 * validation, validation batches of the fit's batch size ({@code validationBatchSize} 0), a
 * progress bar on standard output, no callbacks. Immutable (its callbacks are the caller's to
 * share or not); build with {@link #builder()}.
 */
public record FitOptions(
    int epochs,
    int batchSize,
    SequenceData validationData,
    double validationSplit,
    int validationBatchSize,
    boolean shuffle,
    long shuffleSeed,
    PrintStream progressOut,
    List<Callback> callbacks) {

  public FitOptions {
    callbacks = List.copyOf(callbacks);
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new IllegalArgumentException(
          "validation split must be in [0, 1), got " + validationSplit);
    }
    if (validationBatchSize < 0) {
      throw new IllegalArgumentException("validation batch size must be at least 1 (or 0 for the"
          + " fit's batch size), got " + validationBatchSize);
    }
    if (validationData != null && validationSplit > 0) {
      throw new IllegalArgumentException("Give validation data or a validation split, not both");
    }
  }

  /**
   * The default progress stream: whatever {@code System.out} is when {@code fit} runs (notebook
   * kernels replace System.out for each cell, so it must not be captured earlier).
   */
  public static final PrintStream STANDARD_OUT = new PrintStream(java.io.OutputStream.nullOutputStream());

  /** The batch size of the validation passes: {@code validationBatchSize}, or the fit's if 0. */
  public int effectiveValidationBatchSize() {
    return validationBatchSize > 0 ? validationBatchSize : batchSize;
  }

  /** The stream progress goes to now, or null for silence. */
  public PrintStream progressStream() {
    return progressOut == STANDARD_OUT ? System.out : progressOut;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with Keras's defaults. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize = 32;
    private SequenceData validationData;
    private double validationSplit;
    private int validationBatchSize;
    private boolean shuffle = true;
    private long shuffleSeed = 0;
    private PrintStream progressOut = STANDARD_OUT;
    private List<Callback> callbacks = List.of();

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder validationData(SequenceData data) {
      this.validationData = data;
      return this;
    }

    /** Keras's {@code validation_split}: the last fraction of the data, taken before shuffling. */
    public Builder validationSplit(double fraction) {
      this.validationSplit = fraction;
      return this;
    }

    /**
     * Keras's {@code validation_batch_size}: sequences per batch of the validation pass after each
     * epoch; 0 (the default) takes the fit's batch size. The metrics do not depend on it beyond
     * float rounding; larger batches evaluate faster.
     */
    public Builder validationBatchSize(int batchSize) {
      this.validationBatchSize = batchSize;
      return this;
    }

    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    public Builder shuffleSeed(long seed) {
      this.shuffleSeed = seed;
      return this;
    }

    /** Where the progress bar goes; null for silence. */
    public Builder progressOut(PrintStream out) {
      this.progressOut = out;
      return this;
    }

    /**
     * Keras's {@code callbacks}, called in this order; the progress bar (see {@link
     * #progressOut}) comes after them, as Keras's ProgbarLogger does.
     */
    public Builder callbacks(Callback... callbacks) {
      this.callbacks = List.of(callbacks);
      return this;
    }

    public FitOptions build() {
      return new FitOptions(
          epochs, batchSize, validationData, validationSplit, validationBatchSize, shuffle,
          shuffleSeed, progressOut, callbacks);
    }
  }
}
