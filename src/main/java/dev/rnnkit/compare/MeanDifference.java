package dev.rnnkit.compare;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Whether two figures measured over seeds differ by more than their spread explains: Welch's
 * t-test at 95% (two-sided), which does not assume equal variances. {@code difference} is
 * {@code a.mean - b.mean}; the difference is <em>clear</em> when its size exceeds {@code
 * threshold}, the t quantile times the standard error of the difference. With fewer than two
 * values on either side there is no spread to compare against and nothing is clear.
 *
 * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom (NaN when undefined)
 */
public record MeanDifference(
    double difference, double standardError, double degreesOfFreedom, double threshold,
    boolean clear) {

  /** Upper tail of the two-sided 95% test. */
  private static final double TWO_SIDED_95 = 0.975;

  public static MeanDifference of(Spread a, Spread b) {
    double difference = a.mean() - b.mean();
    if (a.count() < 2 || b.count() < 2) {
      return new MeanDifference(difference, Double.NaN, Double.NaN, Double.NaN, false);
    }
    double va = a.variance() / a.count();
    double vb = b.variance() / b.count();
    double standardError = Math.sqrt(va + vb);
    if (standardError == 0) {
      // Identical values within each side: any difference at all is beyond the spread.
      return new MeanDifference(difference, 0, Double.NaN, 0, difference != 0);
    }
    double df = (va + vb) * (va + vb)
        / (va * va / (a.count() - 1) + vb * vb / (b.count() - 1));
    double threshold = tQuantile(df) * standardError;
    return new MeanDifference(difference, standardError, df, threshold,
        Math.abs(difference) > threshold);
  }

  /**
   * The 97.5% quantile of Student's t for {@code df} degrees of freedom, fractional ones
   * included (Welch-Satterthwaite's usually are), from Commons Statistics.
   */
  static double tQuantile(double df) {
    return TDistribution.of(df).inverseCumulativeProbability(TWO_SIDED_95);
  }

  /** Whether {@code a} is clearly below {@code b}. */
  public boolean clearlyLower() {
    return clear && difference < 0;
  }

  /** Whether {@code a} is clearly above {@code b}. */
  public boolean clearlyHigher() {
    return clear && difference > 0;
  }
}
