package dev.rnnkit.compare;

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

  /**
   * Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom. Fractional degrees
   * of freedom round down, which makes the test a little stricter; above 30 the value for 30 is
   * used, again on the strict side.
   */
  private static final double[] T_975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
  };

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

  /** The 97.5% t quantile for {@code df} degrees of freedom, rounded down to a whole number. */
  static double tQuantile(double df) {
    int whole = (int) Math.max(1, Math.min(T_975.length, Math.floor(df)));
    return T_975[whole - 1];
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
