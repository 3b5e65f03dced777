package dev.rnnkit.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Keras's {@code evaluate} returns: each metric the model reports, by name ({@code loss},
 * then {@code accuracy} and {@code last_step_accuracy} for a binary classifier with a sequence
 * output, see {@link BinaryAccuracy} and {@link LastStepBinaryAccuracy}), over {@code samples}
 * sequences.
 */
public record Evaluation(Map<String, Double> metrics, int samples) {

  public Evaluation {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** One metric's value; NaN if the model does not report it. */
  public double get(String name) {
    return metrics.getOrDefault(name, Double.NaN);
  }

  public double loss() {
    return get("loss");
  }

  /**
   * The accuracy Keras resolves for the loss (binary over every output value, sparse
   * categorical or categorical over every position); NaN for a regression loss.
   */
  public double accuracy() {
    return get(BinaryAccuracy.NAME);
  }

  /**
   * Binary accuracy of the sequences' predictions (their last step); for an output without a
   * time axis that is {@link #accuracy()}, which is then the only one reported.
   */
  public double lastStepAccuracy() {
    return metrics.containsKey(LastStepBinaryAccuracy.NAME)
        ? get(LastStepBinaryAccuracy.NAME) : accuracy();
  }
}
