package dev.rnnkit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The article's comparison as one table: parameters, seconds per epoch, train and test accuracy
 * (last step and all steps) at the final epoch, the best epoch's last-step test accuracy, and the
 * test loss.
 */
public final class ExamplesTable {

  public static final String FILE_NAME = "comparison.md";
  private static final String HEADING = "# LSTM vs GRU (";

  private ExamplesTable() {}

  /** The table under a heading that names the data and settings, as {@code comparison.md}. */
  public static String document(String dataName, int epochs, int batchSize, long seed,
      List<RunMetrics> runs) {
    return HEADING + dataName + ", " + epochs + " epochs, batch " + batchSize + ", seed " + seed
        + ")\n\n" + markdown(runs);
  }

  /** Whether {@code file} begins as {@link #document} does, so that a run may replace it. */
  public static boolean isWrittenByRnnkit(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      return first != null && first.startsWith(HEADING);
    } catch (CharacterCodingException e) {
      return false; // not even UTF-8 text
    }
  }

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
    // Said only for runs that --early-stopping or --save-best changed: the article's table stays.
    for (RunMetrics m : runs) {
      if (m.savedEpoch() != null) {
        t.append(String.format(Locale.ROOT, "%n%s: %d epochs run; the model and its test figures"
            + " are epoch %d's (lowest val_loss), the train figures the last epoch's.%n",
            m.architecture(), m.epochs(), m.savedEpoch()));
      }
    }
    return t.toString();
  }

  private static String last(RunMetrics m, String key, String fallback) {
    List<Double> values = m.history().containsKey(key) ? m.history().get(key) : m.history().get(fallback);
    return values == null || values.isEmpty() ? "-"
        : String.format(Locale.ROOT, "%.4f", values.get(values.size() - 1));
  }
}
