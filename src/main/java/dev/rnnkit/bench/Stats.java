package dev.rnnkit.bench;

import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Quantile.EstimationMethod;

/**
 * Order statistics of timings, by Commons Statistics' {@link Quantile} with Hyndman and Fan's
 * type 1 ({@link EstimationMethod#HF1}, the inverse of the empirical distribution function):
 * the nearest-rank percentile, the smallest value with at least {@code p}% of the values at or
 * below it. Every figure is a time that was measured, never one interpolated between two; the
 * median of an even count is the lower of the middle two.
 */
public final class Stats {

  /** Copies the values, so callers' arrays keep their order. */
  private static final Quantile NEAREST_RANK =
      Quantile.withDefaults().with(EstimationMethod.HF1).withCopy(true);

  private Stats() {}

  public static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile, {@code p} in [0, 100]; NaN for no values. */
  public static double percentile(double[] values, double p) {
    return NEAREST_RANK.evaluate(values, p / 100);
  }
}
