package dev.rnnkit.examples;

import dev.rnnkit.train.RunMetrics;
import java.util.List;
import java.util.Locale;

/**
 * The article's comparison as one table: parameters, seconds per epoch, train and test accuracy
 * (last step and all steps) at the final epoch, the best epoch's last-step test accuracy, and the
 * test loss.
 */
public final class ExamplesTable {

  private ExamplesTable() {}

  /** A Markdown table (readable as plain text too). */
  public static String markdown(List<RunMetrics> runs) {
    StringBuilder t = new StringBuilder();
    t.append("| model | params | s/epoch | train acc (last step) | train acc (all steps)"
        + " | test acc (last step) | test acc (all steps) | best epoch: test acc (last step)"
        + " | test loss |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RunMetrics m : runs) {
      t.append(String.format(Locale.ROOT,
          "| %s%s | %,d | %.1f | %s | %s | %.4f | %.4f | %d: %.4f | %.4f |%n",
          m.architecture(), m.returnSequences() ? "" : " (many-to-one)", m.params(),
          m.meanSecondsPerEpoch(), last(m, "last_step_accuracy", "accuracy"),
          last(m, "accuracy", "accuracy"), m.testAccuracyLastStep(), m.testAccuracyAllSteps(),
          m.bestEpoch(), m.bestValLastStepAccuracy(), m.testLoss()));
    }
    return t.toString();
  }

  private static String last(RunMetrics m, String key, String fallback) {
    List<Double> values = m.history().containsKey(key) ? m.history().get(key) : m.history().get(fallback);
    return values == null || values.isEmpty() ? "-"
        : String.format(Locale.ROOT, "%.4f", values.get(values.size() - 1));
  }
}
