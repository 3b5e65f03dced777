package dev.rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nearest rank: the value at rank ceil(p/100 · n) of the sorted values, counted from 1. */
class StatsTest {

  @Test
  void percentilesOfFiveValues() {
    double[] values = {5, 1, 4, 2, 3};
    assertEquals(1, Stats.percentile(values, 0));
    assertEquals(1, Stats.percentile(values, 20)); // rank ceil(1.0) = 1
    assertEquals(2, Stats.percentile(values, 21)); // rank ceil(1.05) = 2
    assertEquals(3, Stats.median(values)); // rank ceil(2.5) = 3
    assertEquals(5, Stats.percentile(values, 90)); // rank ceil(4.5) = 5
    assertEquals(5, Stats.percentile(values, 100));
  }

  @Test
  void p90AndP99OfTenValues() {
    double[] values = {7, 3, 10, 1, 9, 5, 2, 8, 6, 4};
    assertEquals(5, Stats.median(values)); // rank 5
    assertEquals(9, Stats.percentile(values, 90)); // rank 9
    assertEquals(10, Stats.percentile(values, 99)); // rank ceil(9.9) = 10
  }

  @Test
  void theMedianOfAnEvenCountIsTheLowerMiddleValueNotTheirMean() {
    assertEquals(2.0, Stats.median(new double[] {4, 1, 3, 2}));
    assertEquals(0.25, Stats.median(new double[] {0.75, 0.25}));
  }

  @Test
  void oneValueIsEveryPercentileAndNoValuesHaveNone() {
    assertEquals(0.4, Stats.percentile(new double[] {0.4}, 99));
    assertTrue(Double.isNaN(Stats.median(new double[0])));
  }

  @Test
  void theCallersArrayKeepsItsOrder() {
    double[] values = {3, 1, 2};
    Stats.percentile(values, 90);
    assertArrayEquals(new double[] {3, 1, 2}, values);
  }
}
