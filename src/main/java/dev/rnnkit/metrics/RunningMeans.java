package dev.rnnkit.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running {@link Mean}s by metric name, in the order the model computes them ({@code loss}
 * first): one batch's, or the sum of batches so far. Immutable.
 */
public record RunningMeans(Map<String, Mean> byName) {

  /** No batch yet. */
  public static final RunningMeans EMPTY = new RunningMeans(Map.of());

  public RunningMeans {
    byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** These means with a batch's added, name by name (a name only one side has is kept as is). */
  public RunningMeans plus(RunningMeans batch) {
    Map<String, Mean> sum = new LinkedHashMap<>(byName);
    batch.byName.forEach((name, mean) -> sum.merge(name, mean, Mean::plus));
    return new RunningMeans(sum);
  }

  /** The mean of one metric, {@link Mean#EMPTY} if it was not computed. */
  public Mean get(String name) {
    return byName.getOrDefault(name, Mean.EMPTY);
  }

  /** The results of the named metrics, in the order given: Keras's logs. */
  public Map<String, Double> results(List<String> names) {
    Map<String, Double> logs = new LinkedHashMap<>();
    names.forEach(name -> logs.put(name, get(name).result()));
    return logs;
  }
}
