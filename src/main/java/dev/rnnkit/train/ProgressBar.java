package dev.rnnkit.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress bar (its ProgbarLogger), a callback every fit with a progress stream ends
 * with: {@code Epoch 1/10}, then
 * {@code 782/782 [==============================] - 12s 15ms/step - loss: 0.4120 - accuracy: 0.8100}.
 * On a terminal it redraws in place; elsewhere (logs, notebooks) it prints the finished line only.
 */
final class ProgressBar implements Callback {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 150_000_000L;

  private final PrintStream out;
  private final boolean live;
  private int steps;
  private long start;
  private long lastDraw;

  ProgressBar(PrintStream out) {
    this.out = out;
    this.live = out == System.out && inTerminal();
  }

  @Override
  public void onEpochBegin(FitContext fit, int epoch) {
    out.printf(Locale.ROOT, "Epoch %d/%d%n", epoch + 1, fit.epochs());
    steps = fit.stepsPerEpoch();
    start = System.nanoTime();
    lastDraw = 0;
  }

  @Override
  public void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {
    long now = System.nanoTime();
    if (!live || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    out.print("\r" + line(batch + 1, logs, false));
    out.flush();
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    out.print((live ? "\r" : "") + line(steps, logs, true) + "\n");
    out.flush();
  }

  private String line(int step, Map<String, Double> metrics, boolean done) {
    double seconds = (System.nanoTime() - start) / 1e9;
    int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * step / steps);
    String bar = "=".repeat(Math.max(0, filled - (done ? 0 : 1))) + (done ? "" : ">");
    StringBuilder text = new StringBuilder();
    String count = Integer.toString(steps);
    text.append(String.format(Locale.ROOT, "%" + count.length() + "d/%s [%-" + WIDTH + "s]", step, count, bar));
    if (done) {
      text.append(String.format(Locale.ROOT, " - %.0fs %.0fms/step", seconds, 1000 * seconds / Math.max(1, steps)));
    } else {
      double eta = step == 0 ? 0 : seconds / step * (steps - step);
      text.append(String.format(Locale.ROOT, " - ETA: %.0fs", eta));
    }
    metrics.forEach((k, v) -> text.append(String.format(Locale.ROOT, " - %s: %.4f", k, v)));
    return text.toString();
  }

  /**
   * Whether standard output is an interactive terminal: a console, or RNNKIT_TERMINAL=1, which
   * RNNKit's command line sets for the JVM it runs a command in (whose stdin is a pipe, so it has
   * no console).
   */
  private static boolean inTerminal() {
    return System.console() != null || "1".equals(System.getenv("RNNKIT_TERMINAL"));
  }
}
