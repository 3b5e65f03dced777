package dev.rnnkit.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code History}: per-epoch values of each metric ({@code loss}, {@code accuracy},
 * {@code last_step_accuracy}, {@code val_loss}, ...) and the seconds each epoch took.
 */
public final class History {

  private final Map<String, List<Double>> metrics = new LinkedHashMap<>();
  private final List<Double> epochSeconds = new ArrayList<>();
  private boolean stoppedEarly;

  public History() {}

  /** A history continued from a saved one. */
  History(Map<String, List<Double>> metrics, List<Double> epochSeconds) {
    metrics.forEach((k, v) -> this.metrics.put(k, new ArrayList<>(v)));
    this.epochSeconds.addAll(epochSeconds);
  }

  void markStoppedEarly() {
    stoppedEarly = true;
  }

  /**
   * Whether the fit was stopped before its last epoch ended: by Ctrl-C ({@link StopOnRequest}),
   * by {@link EarlyStopping} (see its {@code stopped()}) or by any callback.
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  void addEpoch(Map<String, Double> values, double seconds) {
    values.forEach((k, v) -> metrics.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    epochSeconds.add(seconds);
  }

  /** Metric name to one value per epoch. */
  public Map<String, List<Double>> metrics() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    metrics.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    return Collections.unmodifiableMap(copy);
  }

  /** Values of one metric, empty if it was not recorded. */
  public List<Double> get(String metric) {
    return List.copyOf(metrics.getOrDefault(metric, List.of()));
  }

  public List<Double> epochSeconds() {
    return List.copyOf(epochSeconds);
  }

  public int epochs() {
    return epochSeconds.size();
  }
}
