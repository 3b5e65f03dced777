package dev.rnnkit.bench;

import java.util.Arrays;

/** Order statistics of timings. */
public final class Stats {

  private Stats() {}

  public static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile, {@code p} in [0, 100]. */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
