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
    // Equal variances and sizes: df = 2(n - 1) = 4, t = 2.776.
    Spread a = Spread.of(1, 2, 3);
    Spread b = Spread.of(4, 5, 6);
    MeanDifference d = MeanDifference.of(a, b);
    double se = Math.sqrt(1.0 / 3 + 1.0 / 3);
    assertEquals(se, d.standardError(), 1e-12);
    assertEquals(4.0, d.degreesOfFreedom(), 1e-12);
    assertEquals(2.776 * se, d.threshold(), 1e-12);
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
  void tQuantilesRoundDegreesOfFreedomDown() {
    assertEquals(12.706, MeanDifference.tQuantile(1.9), 1e-12);
    assertEquals(4.303, MeanDifference.tQuantile(2.0), 1e-12);
    assertEquals(12.706, MeanDifference.tQuantile(0.5), 1e-12);
    assertEquals(2.042, MeanDifference.tQuantile(500), 1e-12);
  }
}
