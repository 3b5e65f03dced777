package dev.rnnkit.compare;

import dev.rnnkit.compare.ClaimVerdict.Outcome;
import dev.rnnkit.model.ArticleModels.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * The article's claims, each checked against the run's figures. A difference counts only when
 * it is clear beyond the spread over seeds ({@link MeanDifference}); everything else is said to
 * be within the spread, at the number of seeds run.
 */
public final class Verdicts {

  public static final String FEWER_PARAMETERS = "GRU has fewer parameters than LSTM";
  public static final String FASTER = "GRU trains and predicts faster than LSTM";
  public static final String CHEAPER = "GRU needs less compute and memory than LSTM";
  public static final String LONG_RANGE = "LSTM holds long-range dependencies better than GRU";

  private Verdicts() {}

  public static List<ClaimVerdict> of(ComparisonResult result) {
    return List.of(fewerParameters(result), faster(result), cheaper(result), longRange(result));
  }

  /** The GRU variants of the run, each compared with LSTM; empty when there is no LSTM. */
  private static List<Cell> grusAgainstLstm(ComparisonResult result) {
    if (!result.cells().contains(Cell.LSTM)) {
      return List.of();
    }
    return result.cells().stream().filter(c -> c != Cell.LSTM).toList();
  }

  private static ClaimVerdict notTested(String claim) {
    return new ClaimVerdict(claim, Outcome.NOT_TESTED,
        "The run needs LSTM and at least one GRU to test this.", List.of());
  }

  static ClaimVerdict fewerParameters(ComparisonResult result) {
    List<Cell> grus = grusAgainstLstm(result);
    if (grus.isEmpty()) {
      return notTested(FEWER_PARAMETERS);
    }
    ModelFacts lstm = result.model(Cell.LSTM);
    int fewer = 0;
    int more = 0;
    List<String> evidence = new ArrayList<>();
    for (Cell cell : grus) {
      ModelFacts gru = result.model(cell);
      if (gru.params() < lstm.params()) {
        fewer++;
      } else if (gru.params() > lstm.params()) {
        more++;
      }
      evidence.add(String.format(Locale.ROOT,
          "%s: recurrent layer %s vs %s parameters (%s); whole model %s vs %s (%s)",
          gru.name(), Figures.count(gru.recurrentParams()), Figures.count(lstm.recurrentParams()),
          Figures.percentChange(gru.recurrentParams(), lstm.recurrentParams()),
          Figures.count(gru.params()), Figures.count(lstm.params()),
          Figures.percentChange(gru.params(), lstm.params())));
    }
    long shared = lstm.params() - lstm.recurrentParams();
    evidence.add(String.format(Locale.ROOT, "The other layers (Embedding and Dense) hold %s"
        + " parameters in every model, so the whole-model difference is small.",
        Figures.count(shared)));
    // Parameter counts are exact: no spread, every difference is clear.
    Outcome outcome = Outcome.fromCounts(fewer, more, grus.size() - fewer - more);
    return new ClaimVerdict(FEWER_PARAMETERS, outcome,
        "Counted from the architectures; exact, no seeds involved.", evidence);
  }

  static ClaimVerdict faster(ComparisonResult result) {
    return costClaim(result, FASTER, List.of(
        new CostMetric("training time per step", "ms", 2, ComparisonResult::millisPerStep),
        new CostMetric("single-sequence predict latency (median)", "ms", 3,
            ComparisonResult::singleLatencyMillis),
        new CostMetric("batch predict latency (median)", "ms", 3,
            ComparisonResult::batchLatencyMillis)),
        "Wall-clock times are noisy on a shared machine; the spread over seeds includes that"
            + " noise.");
  }

  static ClaimVerdict cheaper(ComparisonResult result) {
    return costClaim(result, CHEAPER, List.of(
        new CostMetric("forward FLOPs per sequence", "FLOP", 0,
            (r, c) -> Spread.of((double) r.model(c).forwardFlopsPerSample())),
        new CostMetric("peak JVM heap", "MiB", 1, ComparisonResult::heapPeakMebibytes),
        new CostMetric("peak process resident memory (Pointer.physicalBytes)", "MiB", 1,
            ComparisonResult::physicalPeakMebibytes)),
        "FLOPs are exact; memory peaks are sampled and process-wide, so they also hold what"
            + " earlier runs in the same JVM left behind.");
  }

  /** A cost figure, lower is better, with how to read it from a result per model. */
  private record CostMetric(String name, String unit, int decimals,
      BiFunction<ComparisonResult, Cell, Spread> read) {}

  private static ClaimVerdict costClaim(
      ComparisonResult result, String claim, List<CostMetric> metrics, String note) {
    List<Cell> grus = grusAgainstLstm(result);
    if (grus.isEmpty()) {
      return notTested(claim);
    }
    int lower = 0;
    int higher = 0;
    int unclear = 0;
    List<String> evidence = new ArrayList<>();
    for (Cell cell : grus) {
      for (CostMetric metric : metrics) {
        Spread gru = metric.read().apply(result, cell);
        Spread lstm = metric.read().apply(result, Cell.LSTM);
        MeanDifference d = exactOrTested(gru, lstm);
        if (d.clearlyLower()) {
          lower++;
        } else if (d.clearlyHigher()) {
          higher++;
        } else {
          unclear++;
        }
        evidence.add(String.format(Locale.ROOT, "%s, %s: %s vs LSTM %s %s, %s → %s",
            ModelFacts.displayName(cell), metric.name(), Figures.number(gru.mean(), metric.decimals()),
            Figures.number(lstm.mean(), metric.decimals()), metric.unit(),
            Figures.percentChange(gru.mean(), lstm.mean()),
            describe(d, "GRU clearly lower", "GRU clearly higher", result.config().seedCount())));
      }
    }
    return new ClaimVerdict(claim, Outcome.fromCounts(lower, higher, unclear),
        String.format(Locale.ROOT, "%d comparisons clearly lower for GRU, %d clearly higher, %d"
            + " within the spread over %d seed(s). %s", lower, higher, unclear,
            result.config().seedCount(), note), evidence);
  }

  /** Exact figures (one value each, e.g. FLOPs) differ clearly whenever they differ at all. */
  private static MeanDifference exactOrTested(Spread a, Spread b) {
    if (a.count() == 1 && b.count() == 1 && a.std() == 0 && b.std() == 0) {
      double difference = a.mean() - b.mean();
      return new MeanDifference(difference, 0, Double.NaN, 0, difference != 0);
    }
    return MeanDifference.of(a, b);
  }

  static ClaimVerdict longRange(ComparisonResult result) {
    List<Cell> grus = grusAgainstLstm(result);
    if (grus.isEmpty() || result.lengths().isEmpty()) {
      return grus.isEmpty() ? notTested(LONG_RANGE) : new ClaimVerdict(LONG_RANGE,
          Outcome.NOT_TESTED, "The run had no long-range lengths.", List.of());
    }
    int lstmBetter = 0;
    int gruBetter = 0;
    List<String> evidence = new ArrayList<>();
    for (Cell cell : grus) {
      for (int length : result.lengths()) {
        Spread lstm = result.longRangeAccuracy(Cell.LSTM, length);
        Spread gru = result.longRangeAccuracy(cell, length);
        MeanDifference d = MeanDifference.of(lstm, gru);
        String reading = describe(d, "GRU clearly better", "LSTM clearly better",
            result.config().seedCount());
        if (d.clear() && Math.max(lstm.mean(), gru.mean()) < ComparisonResult.FAILURE_ACCURACY) {
          // Both fail: a clear difference between two near-chance accuracies says nothing
          // about holding the dependency, so it counts neither way.
          reading = "both fail, not counted: " + reading;
        } else if (d.clearlyHigher()) {
          lstmBetter++;
        } else if (d.clearlyLower()) {
          gruBetter++;
        }
        evidence.add(String.format(Locale.ROOT,
            "length %d: LSTM accuracy %s vs %s %s → %s", length,
            Figures.number(lstm.mean(), 3), ModelFacts.displayName(cell),
            Figures.number(gru.mean(), 3), reading));
      }
    }
    for (Cell cell : result.cells()) {
      evidence.add(ModelFacts.displayName(cell) + ": " + failureText(result, cell));
    }
    // Lengths where both models hold the dependency, or both fail, are neither for nor against.
    Outcome outcome = lstmBetter > 0 && gruBetter > 0 ? Outcome.MIXED
        : lstmBetter > 0 ? Outcome.SUPPORTED
        : gruBetter > 0 ? Outcome.CONTRADICTED
        : Outcome.INCONCLUSIVE;
    LongRangeSettings lr = result.config().longRange();
    return new ClaimVerdict(LONG_RANGE, outcome, String.format(Locale.ROOT,
        "%d length comparisons clearly favour LSTM, %d clearly favour GRU (a difference counts"
            + " only when the better model holds the dependency). Within this budget"
            + " (%d epochs of %,d sequences per length, %d seed(s)); a larger budget may move"
            + " where each model fails. A model fails at a length when its mean test accuracy"
            + " is below %s (halfway between chance and perfect).",
        lstmBetter, gruBetter, lr.epochs(), lr.trainSize(), result.config().seedCount(),
        Figures.number(ComparisonResult.FAILURE_ACCURACY, 2)), evidence);
  }

  private static String failureText(ComparisonResult result, Cell cell) {
    OptionalInt fails = result.failureLength(cell);
    List<Integer> lengths = result.lengths();
    if (fails.isEmpty()) {
      return "holds the dependency at every length tested (up to " + lengths.get(lengths.size() - 1) + ")";
    }
    int at = fails.getAsInt();
    int index = lengths.indexOf(at);
    return index == 0 ? "fails already at the shortest length tested, " + at
        : "holds up to " + lengths.get(index - 1) + ", fails from " + at;
  }

  /**
   * {@code GRU clearly lower (difference -1.20, beyond the 95% threshold 0.900)}, or that the
   * difference is within the spread at this many seeds.
   */
  static String describe(MeanDifference d, String lowerWord, String higherWord, int seeds) {
    if (d.clear() && d.threshold() == 0) {
      return (d.difference() < 0 ? lowerWord : higherWord)
          + " (no spread: the figures are exact, or identical for every seed)";
    }
    if (d.clear()) {
      return (d.difference() < 0 ? lowerWord : higherWord) + " (difference "
          + signed(d.difference()) + ", beyond the 95% threshold ±" + unsigned(d.threshold()) + ")";
    }
    if (Double.isNaN(d.threshold())) {
      return "inconclusive at " + seeds + " seed (no spread to compare with)";
    }
    return "no clear difference at " + seeds + " seeds (difference " + signed(d.difference())
        + " within the 95% threshold ±" + unsigned(d.threshold()) + ")";
  }

  /** Three significant digits, signed; enough to compare a difference with its threshold. */
  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.3g", value);
  }

  private static String unsigned(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
