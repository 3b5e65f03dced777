package dev.rnnkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void meanSampleStdMinMax() {
    Spread s = Spread.of(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(8, s.count());
    assertEquals(5.0, s.mean(), 1e-12);
    // Sum of squared deviations 32, over n - 1 = 7.
    assertEquals(Math.sqrt(32.0 / 7), s.std(), 1e-12);
    assertEquals(2, s.min());
    assertEquals(9, s.max());
    assertEquals(Math.sqrt(32.0 / 7) / Math.sqrt(8), s.standardError(), 1e-12);
  }

  @Test
  void oneValueHasNoSpread() {
    Spread s = Spread.of(0.93);
    assertEquals(0.93, s.mean());
    assertEquals(0, s.std());
    assertEquals(0.93, s.min());
    assertEquals(0.93, s.max());
  }

  @Test
  void fromACollection() {
    assertEquals(Spread.of(1, 2, 3), Spread.of(List.of(1.0, 2.0, 3.0)));
  }

  @Test
  void refusesNothingAndNonFiniteValues() {
    assertThrows(IllegalArgumentException.class, () -> Spread.of(new double[0]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Spread.of(1, Double.NaN));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
  }
}
