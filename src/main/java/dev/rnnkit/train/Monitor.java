package dev.rnnkit.train;

import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code MonitorCallback}: which log value {@link EarlyStopping} and {@link
 * ModelCheckpoint} watch, in which direction, and by how much it must move to count as an
 * improvement. Keras's defaults: {@code val_loss}, mode auto, min_delta 0.
 *
 * <p>Mode auto takes {@code min} for {@code loss} and {@code val_loss}, and {@code max} for the
 * accuracies (Keras asks the metric for its direction; RNNKit's metrics are the loss and
 * accuracies, so the name tells). Any other name needs an explicit mode, as in Keras, but the
 * error comes when the callback is made rather than at the first epoch's end.
 */
public record Monitor(String monitor, Mode mode, double minDelta) {

  /** Keras's {@code mode}. */
  public enum Mode { AUTO, MIN, MAX }

  public Monitor {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(mode, "mode");
    if (!Double.isFinite(minDelta)) {
      throw new IllegalArgumentException("min_delta must be finite, got " + minDelta);
    }
    // Keras keeps abs(min_delta) and applies it in the monitored direction.
    minDelta = Math.abs(minDelta);
    if (mode == Mode.AUTO) {
      String metric = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
      if (metric.equals("loss")) {
        mode = Mode.MIN;
      } else if (metric.endsWith("accuracy")) {
        mode = Mode.MAX;
      } else {
        throw new IllegalArgumentException("Cannot tell whether monitor=" + monitor
            + " should be minimized or maximized: pass mode MIN or MAX");
      }
    }
  }

  /** Keras's defaults: {@code val_loss}, minimized, min_delta 0. */
  public static Monitor valLoss() {
    return new Monitor("val_loss", Mode.AUTO, 0);
  }

  /**
   * Keras's {@code _is_improvement}: {@code current} beats {@code reference} by more than
   * min_delta in the monitored direction; anything beats no reference (null).
   */
  public boolean isImprovement(double current, Double reference) {
    if (reference == null) {
      return true;
    }
    return mode == Mode.MIN ? current + minDelta < reference : current - minDelta > reference;
  }

  /**
   * The monitored value in {@code logs}, or null after printing {@code warning} (Keras warns
   * through Python's warnings module, on standard error, and carries on).
   */
  Double valueIn(Map<String, Double> logs, String warning) {
    Double value = logs.get(monitor);
    if (value == null) {
      System.err.println("Warning: " + warning);
    }
    return value;
  }
}
