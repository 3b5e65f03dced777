package dev.rnnkit.compare;

import java.util.List;

/**
 * The run's answer to one claim of the article: an outcome and the figures behind it, one line
 * each.
 */
public record ClaimVerdict(String claim, Outcome outcome, String summary, List<String> evidence) {

  public ClaimVerdict {
    evidence = List.copyOf(evidence);
  }

  /** How far the measured figures support a claim. */
  public enum Outcome {
    /** Every measured comparison goes the claimed way, clearly beyond the spread over seeds. */
    SUPPORTED("supported"),
    /** Some comparisons clearly go the claimed way, none clearly against it. */
    PARTLY_SUPPORTED("partly supported"),
    /** Every measured comparison clearly goes against the claim. */
    CONTRADICTED("contradicted"),
    /** Some comparisons clearly go against the claim, none clearly for it. */
    PARTLY_CONTRADICTED("partly contradicted"),
    /** Some comparisons clearly go each way. */
    MIXED("mixed"),
    /** No comparison is clear: the differences are within the spread over seeds. */
    INCONCLUSIVE("inconclusive"),
    /** The run did not measure what the claim needs (e.g. no LSTM in it). */
    NOT_TESTED("not tested");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    /** The outcome of a set of comparisons, from how many went for, against, or neither. */
    public static Outcome fromCounts(int forClaim, int againstClaim, int unclear) {
      if (forClaim + againstClaim + unclear == 0) {
        return NOT_TESTED;
      }
      if (forClaim > 0 && againstClaim > 0) {
        return MIXED;
      }
      if (forClaim > 0) {
        return unclear == 0 ? SUPPORTED : PARTLY_SUPPORTED;
      }
      if (againstClaim > 0) {
        return unclear == 0 ? CONTRADICTED : PARTLY_CONTRADICTED;
      }
      return INCONCLUSIVE;
    }
  }
}
