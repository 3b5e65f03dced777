package dev.rnnkit.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A fit's callbacks in the order they are called: {@link TerminateOnNaN} first (a NaN loss reaches
 * no other callback), the options' callbacks, the {@link ProgressBar} last (as Keras adds its
 * ProgbarLogger). Logs reach them read-only.
 */
final class CallbackList {

  private final List<Callback> callbacks;

  private CallbackList(List<Callback> callbacks) {
    this.callbacks = List.copyOf(callbacks);
  }

  static CallbackList of(FitOptions options) {
    List<Callback> all = new ArrayList<>();
    all.add(new TerminateOnNaN());
    all.addAll(options.callbacks());
    PrintStream progress = options.progressStream();
    if (progress != null) {
      all.add(new ProgressBar(progress));
    }
    return new CallbackList(all);
  }

  void onTrainBegin(FitContext fit) {
    callbacks.forEach(c -> c.onTrainBegin(fit));
  }

  void onTrainEnd(FitContext fit, Map<String, Double> logs) {
    Map<String, Double> readOnly = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onTrainEnd(fit, readOnly));
  }

  void onEpochBegin(FitContext fit, int epoch) {
    callbacks.forEach(c -> c.onEpochBegin(fit, epoch));
  }

  void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    Map<String, Double> readOnly = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onEpochEnd(fit, epoch, readOnly));
  }

  void onTrainBatchBegin(FitContext fit, int batch) {
    callbacks.forEach(c -> c.onTrainBatchBegin(fit, batch));
  }

  void onTrainBatchEnd(FitContext fit, int batch, Map<String, Double> logs) {
    Map<String, Double> readOnly = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onTrainBatchEnd(fit, batch, readOnly));
  }

  void onTestBegin(FitContext fit) {
    callbacks.forEach(c -> c.onTestBegin(fit));
  }

  void onTestEnd(FitContext fit, Map<String, Double> logs) {
    Map<String, Double> readOnly = Collections.unmodifiableMap(logs);
    callbacks.forEach(c -> c.onTestEnd(fit, readOnly));
  }
}
