package dev.rnnkit.metrics;

/**
 * The state of Keras's {@code Mean} metric: a running total and count, the result being their
 * quotient. A batch of a loss {@code l} over {@code n} sequences adds {@code (l * n, n)} (Keras's
 * loss tracker weights each batch by its size); a batch of an accuracy adds (values correct,
 * values compared). Immutable.
 */
public record Mean(double total, long count) {

  /** Nothing seen yet. */
  public static final Mean EMPTY = new Mean(0, 0);

  /** A batch's mean {@code value} weighted by {@code weight} values (a loss and its batch size). */
  public static Mean weighted(double value, long weight) {
    return new Mean(value * weight, weight);
  }

  /** This mean with a batch's added. */
  public Mean plus(Mean batch) {
    return new Mean(total + batch.total, count + batch.count);
  }

  /** The mean so far: NaN before anything was counted. */
  public double result() {
    return total / count;
  }
}
