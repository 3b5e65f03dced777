package dev.rnnkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanDifferenceTest {

  @Test
  void farApartWithSmallSpreadIsClear() {
    MeanDifference d = MeanDifference.of(Spread.of(0.99, 0.98, 0.99), Spread.of(0.51, 0.52, 0.50));
    assertTrue(d.clear());
    assertTrue(d.clearlyHigher());
    assertFalse(d.clearlyLower());
    assertEquals(0.4767, d.difference(), 1e-3);
  }

  @Test
  void overlappingSeedsAreNotClear() {
    MeanDifference d = MeanDifference.of(Spread.of(9.0, 12.0, 10.0), Spread.of(10.5, 8.5, 11.0));
    assertFalse(d.clear());
    assertTrue(Math.abs(d.difference()) < d.threshold());
  }

  @Test
  void welchThresholdIsTQuantileTimesStandardError() {
    // Equal variances and sizes: df = 2(n - 1) = 4, t = 2.7764451051977934 (SciPy's t.ppf).
    Spread a = Spread.of(1, 2, 3);
    Spread b = Spread.of(4, 5, 6);
    MeanDifference d = MeanDifference.of(a, b);
    double se = Math.sqrt(1.0 / 3 + 1.0 / 3);
    assertEquals(se, d.standardError(), 1e-12);
    assertEquals(4.0, d.degreesOfFreedom(), 1e-12);
    assertEquals(2.7764451051977934 * se, d.threshold(), 1e-12);
    assertEquals(-3.0, d.difference(), 1e-12);
    assertTrue(d.clearlyLower()); // 3 > 2.776 * 0.816 = 2.27
  }

  @Test
  void aSingleSeedNeverGivesAClearDifference() {
    MeanDifference d = MeanDifference.of(Spread.of(1.0), Spread.of(0.5, 0.5));
    assertFalse(d.clear());
    assertTrue(Double.isNaN(d.threshold()));
    assertEquals(0.5, d.difference(), 1e-12);
  }

  @Test
  void identicalValuesWithinEachSideDifferClearlyIfTheyDifferAtAll() {
    assertTrue(MeanDifference.of(Spread.of(1.0, 1.0), Spread.of(0.5, 0.5)).clear());
    assertFalse(MeanDifference.of(Spread.of(1.0, 1.0), Spread.of(1.0, 1.0)).clear());
  }

  @Test
  void welchAgreesWithSciPy() {
    // scipy.stats.ttest_ind(a, b, equal_var=False) (SciPy 1.17): df 2.935494276693286, p 0.0362,
    // 95% confidence interval of the difference ±2.514463431894245.
    MeanDifference d = MeanDifference.of(Spread.of(10.0, 10.5, 11.2), Spread.of(12.5, 13.0, 14.8));
    assertEquals(2.935494276693286, d.degreesOfFreedom(), 1e-12);
    assertEquals(2.514463431894245, d.threshold(), 1e-9);
    assertEquals(-2.8666666666666654, d.difference(), 1e-12);
    // Clear at 95% (p < 0.05); a t table read at df rounded down to 2 (t = 4.303) missed it.
    assertTrue(d.clearlyLower());
  }

  @Test
  void tQuantilesAtWholeDegreesOfFreedomMatchThePublishedTable() {
    // Student's t, 0.975 quantile, df 1 to 30, as printed to three decimals in statistics tables
    // (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2).
    double[] published = {
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
    };
    for (int df = 1; df <= published.length; df++) {
      assertEquals(published[df - 1], MeanDifference.tQuantile(df), 0.0005, "df " + df);
    }
  }

  @Test
  void tQuantilesHaveTheirClosedForms() {
    // df 1 is the Cauchy distribution: tan(pi (p - 1/2)); df 2: (2p - 1) / sqrt(2p(1 - p)).
    assertEquals(Math.tan(Math.PI * 0.475), MeanDifference.tQuantile(1), 1e-12);
    assertEquals(0.95 / Math.sqrt(2 * 0.975 * 0.025), MeanDifference.tQuantile(2), 1e-12);
    // Infinitely many: the normal distribution's 97.5% quantile.
    assertEquals(1.959963984540054, MeanDifference.tQuantile(Double.POSITIVE_INFINITY), 1e-12);
  }

  @Test
  void fractionalDegreesOfFreedomAreNotRounded() {
    // scipy.stats.t.ppf(0.975, df), SciPy 1.17.
    assertEquals(3.5746548420036817, MeanDifference.tQuantile(2.5), 1e-9);
    assertEquals(2.8675207071911895, MeanDifference.tQuantile(3.7), 1e-9);
    assertEquals(2.1070320037534676, MeanDifference.tQuantile(17.3), 1e-9);
    assertEquals(1.9623390808264083, MeanDifference.tQuantile(1000), 1e-9);
  }
}
