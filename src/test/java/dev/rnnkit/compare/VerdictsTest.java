package dev.rnnkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.compare.ClaimVerdict.Outcome;
import dev.rnnkit.model.ArticleModels.Cell;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  @Test
  void parameterCountsComeFromTheArchitectures() {
    ClaimVerdict v = Verdicts.fewerParameters(FakeResults.withSeeds(2).build());
    assertEquals(Outcome.SUPPORTED, v.outcome());
    String evidence = String.join("\n", v.evidence());
    assertTrue(evidence.contains("677,249"), evidence); // the article's LSTM model
    assertTrue(evidence.contains("669,185"), evidence); // the article's GRU model
    assertTrue(evidence.contains("33,024"), evidence); // LSTM(64) on 64 inputs: 4·64·(64+64+1)
  }

  @Test
  void clearlyFasterStepsPartlySupportTheSpeedClaim() {
    ComparisonResult r = FakeResults.withSeeds(3)
        .stepMillis(Cell.LSTM, 12.0, 12.2, 11.9)
        .stepMillis(Cell.GRU, 9.0, 9.1, 8.9)
        .stepMillis(Cell.GRU_RESET_BEFORE, 8.8, 9.0, 9.1)
        .build();
    ClaimVerdict v = Verdicts.faster(r);
    // Step time is clearly lower; the latencies are the same for every model.
    assertTrue(v.evidence().get(0).contains("training time per step")
        && v.evidence().get(0).contains("GRU clearly lower"), v.evidence().get(0));
    assertTrue(v.evidence().get(1).contains("no clear difference"), v.evidence().get(1));
    assertEquals(Outcome.PARTLY_SUPPORTED, v.outcome());
    assertTrue(v.summary().startsWith("2 comparisons clearly lower for GRU, 0 clearly higher, 4"),
        v.summary());
  }

  @Test
  void overlappingTimesAreInconclusive() {
    ComparisonResult r = FakeResults.withSeeds(3)
        .stepMillis(Cell.LSTM, 10, 14, 9)
        .stepMillis(Cell.GRU, 11, 8, 13)
        .stepMillis(Cell.GRU_RESET_BEFORE, 12, 9, 10)
        .build();
    ClaimVerdict v = Verdicts.faster(r);
    assertTrue(v.evidence().get(0).contains("no clear difference at 3 seeds"), v.evidence().get(0));
  }

  @Test
  void oneSeedCannotDecideAnythingMeasured() {
    ComparisonResult r = FakeResults.withSeeds(1, 50).longRange(Cell.LSTM, 50, 1.0)
        .longRange(Cell.GRU, 50, 0.5).longRange(Cell.GRU_RESET_BEFORE, 50, 0.5).build();
    assertEquals(Outcome.INCONCLUSIVE, Verdicts.faster(r).outcome());
    ClaimVerdict longRange = Verdicts.longRange(r);
    assertEquals(Outcome.INCONCLUSIVE, longRange.outcome());
    assertTrue(longRange.evidence().get(0).contains("inconclusive at 1 seed"),
        longRange.evidence().get(0));
  }

  @Test
  void lstmHoldingWhereGruFailsSupportsTheLongRangeClaim() {
    ComparisonResult r = FakeResults.withSeeds(3, 25, 50, 100)
        .longRange(Cell.LSTM, 25, 1.0, 1.0, 0.99).longRange(Cell.LSTM, 50, 0.98, 0.99, 0.97)
        .longRange(Cell.LSTM, 100, 0.50, 0.52, 0.49)
        .longRange(Cell.GRU, 25, 1.0, 0.99, 1.0).longRange(Cell.GRU, 50, 0.51, 0.55, 0.49)
        .longRange(Cell.GRU, 100, 0.49, 0.51, 0.50)
        .longRange(Cell.GRU_RESET_BEFORE, 25, 0.99, 1.0, 1.0)
        .longRange(Cell.GRU_RESET_BEFORE, 50, 0.52, 0.50, 0.53)
        .longRange(Cell.GRU_RESET_BEFORE, 100, 0.51, 0.50, 0.48)
        .build();
    assertEquals(OptionalInt.of(100), r.failureLength(Cell.LSTM));
    assertEquals(OptionalInt.of(50), r.failureLength(Cell.GRU));
    ClaimVerdict v = Verdicts.longRange(r);
    assertEquals(Outcome.SUPPORTED, v.outcome());
    String evidence = String.join("\n", v.evidence());
    assertTrue(evidence.contains("length 50: LSTM accuracy 0.980 vs GRU (reset_after=True) 0.517"
        + " → LSTM clearly better"), evidence);
    assertTrue(evidence.contains("LSTM: holds up to 50, fails from 100"), evidence);
    assertTrue(evidence.contains("GRU (reset_after=True): holds up to 25, fails from 50"), evidence);
  }

  @Test
  void differencesBetweenTwoFailingModelsDoNotCount() {
    // From a real run: at length 200 both models were near chance, GRU slightly but clearly
    // above LSTM. That says nothing about which holds the dependency better.
    ComparisonResult r = FakeResults.withSeeds(3, 50, 200)
        .longRange(Cell.LSTM, 50, 1.0, 1.0, 1.0).longRange(Cell.LSTM, 200, 0.488, 0.496, 0.504)
        .longRange(Cell.GRU, 50, 0.516, 0.514, 0.534).longRange(Cell.GRU, 200, 0.526, 0.518, 0.522)
        .longRange(Cell.GRU_RESET_BEFORE, 50, 0.528, 0.510, 0.524)
        .longRange(Cell.GRU_RESET_BEFORE, 200, 0.506, 0.518, 0.528)
        .build();
    ClaimVerdict v = Verdicts.longRange(r);
    assertEquals(Outcome.SUPPORTED, v.outcome());
    String evidence = String.join("\n", v.evidence());
    assertTrue(evidence.contains("length 200: LSTM accuracy 0.496 vs GRU (reset_after=True) 0.522"
        + " → both fail, not counted: GRU clearly better"), evidence);
    assertTrue(v.summary().startsWith("2 length comparisons clearly favour LSTM, 0 clearly"
        + " favour GRU"), v.summary());
  }

  @Test
  void gruHoldingLongerContradictsTheLongRangeClaim() {
    ComparisonResult r = FakeResults.withSeeds(2, 50)
        .longRange(Cell.LSTM, 50, 0.50, 0.52)
        .longRange(Cell.GRU, 50, 0.97, 0.99).longRange(Cell.GRU_RESET_BEFORE, 50, 0.96, 0.99)
        .build();
    assertEquals(Outcome.CONTRADICTED, Verdicts.longRange(r).outcome());
    assertEquals(OptionalInt.empty(), r.failureLength(Cell.GRU));
  }

  @Test
  void withoutLstmNothingIsTested() {
    ComparisonConfig onlyGru = FakeResults.withSeeds(2).build().config().toBuilder()
        .cells(List.of(Cell.GRU)).build();
    ComparisonResult full = FakeResults.withSeeds(2).build();
    ComparisonResult r = new ComparisonResult(onlyGru, full.environment(), "fake",
        full.models().stream().filter(m -> m.cell() == Cell.GRU).toList(),
        full.runsOf(Cell.GRU), List.of(), 1);
    for (ClaimVerdict v : Verdicts.of(r)) {
      assertEquals(Outcome.NOT_TESTED, v.outcome(), v.claim());
    }
  }

  @Test
  void outcomeFromCounts() {
    assertEquals(Outcome.SUPPORTED, Outcome.fromCounts(3, 0, 0));
    assertEquals(Outcome.PARTLY_SUPPORTED, Outcome.fromCounts(1, 0, 2));
    assertEquals(Outcome.CONTRADICTED, Outcome.fromCounts(0, 2, 0));
    assertEquals(Outcome.PARTLY_CONTRADICTED, Outcome.fromCounts(0, 1, 1));
    assertEquals(Outcome.MIXED, Outcome.fromCounts(1, 1, 0));
    assertEquals(Outcome.INCONCLUSIVE, Outcome.fromCounts(0, 0, 4));
    assertEquals(Outcome.NOT_TESTED, Outcome.fromCounts(0, 0, 0));
  }
}
