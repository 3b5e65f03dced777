package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.model.Trainable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code fit} loop: epochs of shuffled mini-batches, validation, history, and the
 * callbacks at every point of it. Resumable: each epoch's order comes from the seed and the epoch
 * number, so a fit can start from any {@link FitState} a callback hands it.
 */
final class FitLoop {

  private FitLoop() {}

  static History fit(Trainable model, SequenceData data, FitOptions options) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("No training data: the data set has 0 sequences");
    }
    SequenceData train = data;
    SequenceData validation = options.validationData();
    if (options.validationSplit() > 0) {
      int keep = (int) Math.floor(data.size() * (1 - options.validationSplit()));
      if (keep == 0 || keep == data.size()) {
        throw new IllegalArgumentException(
            "validation split " + options.validationSplit() + " of " + data.size()
                + " sequences leaves no training or no validation data");
      }
      train = data.slice(0, keep);
      validation = data.slice(keep, data.size());
    }
    int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
    CallbackList callbacks = CallbackList.of(options);
    FitContext fit = new FitContext(options.epochs(), steps);
    callbacks.onTrainBegin(fit);
    FitState start = fit.begin();
    checkResumable(start, steps, options.epochs());
    History history = fit.history();
    Map<String, Double> logs = Map.of();
    for (int epoch = start.epoch(); epoch <= options.epochs(); epoch++) {
      boolean resumed = epoch == start.epoch();
      callbacks.onEpochBegin(fit, epoch - 1);
      RunningMeans running = resumed ? start.runningMeans() : RunningMeans.EMPTY;
      double earlierSeconds = resumed ? start.epochSecondsSoFar() : 0;
      long began = System.nanoTime();
      int[] order = epochOrder(train, options, epoch);
      for (int step = resumed ? start.step() : 0; step < steps; step++) {
        callbacks.onTrainBatchBegin(fit, step);
        int from = step * options.batchSize();
        int to = Math.min(train.size(), from + options.batchSize());
        running = running.plus(model.trainStep(train, order, from, to));
        logs = running.results(model.metricNames());
        callbacks.onTrainBatchEnd(fit, step, logs);
        if (fit.stopRequested() && step + 1 < steps) {
          fit.moveTo(FitState.of(epoch, step + 1, running, seconds(earlierSeconds, began), history));
          history.markStoppedEarly();
          callbacks.onTrainEnd(fit, logs);
          return history;
        }
      }
      logs = running.results(model.metricNames());
      if (validation != null) {
        logs.putAll(validate(model, validation, options, callbacks, fit));
      }
      history.addEpoch(logs, seconds(earlierSeconds, began));
      fit.moveTo(FitState.of(epoch + 1, 0, RunningMeans.EMPTY, 0, history));
      callbacks.onEpochEnd(fit, epoch - 1, logs);
      if (fit.stopRequested() && epoch < options.epochs()) {
        history.markStoppedEarly();
        break;
      }
    }
    callbacks.onTrainEnd(fit, logs);
    return history;
  }

  /** The validation pass: its metrics as logs name them, {@code val_loss}, ... */
  private static Map<String, Double> validate(Trainable model, SequenceData validation,
      FitOptions options, CallbackList callbacks, FitContext fit) {
    callbacks.onTestBegin(fit);
    Evaluation val = model.evaluate(validation, options.effectiveValidationBatchSize());
    callbacks.onTestEnd(fit, val.metrics());
    Map<String, Double> logs = new LinkedHashMap<>();
    val.metrics().forEach((name, value) -> logs.put("val_" + name, value));
    return logs;
  }

  private static double seconds(double earlierSeconds, long began) {
    return earlierSeconds + (System.nanoTime() - began) / 1e9;
  }

  /**
   * A saved state fits this fit: its step lies inside an epoch of this data (else the rest of that
   * epoch would be skipped silently), and it has not finished more epochs than this fit runs (a
   * model cannot be trained back to fewer epochs, and its history would not match the request).
   */
  private static void checkResumable(FitState start, int steps, int epochs) {
    if (start.step() >= steps) {
      throw new IllegalArgumentException("Cannot resume at step " + start.step() + " of epoch "
          + start.epoch() + ": an epoch of this data has " + steps + " steps, so the saved state"
          + " belongs to other data or another batch size");
    }
    if (start.completedEpochs() > epochs) {
      throw new IllegalArgumentException("Cannot resume a fit that has finished "
          + start.completedEpochs() + " epochs with only " + epochs + " epochs: ask for at least "
          + start.completedEpochs() + " epochs (--epochs), or start over (--force)");
    }
  }

  /** The epoch's order: a Fisher-Yates shuffle seeded by the fit's seed and the epoch number. */
  static int[] epochOrder(SequenceData train, FitOptions options, int epoch) {
    int[] order = train.naturalOrder();
    if (options.shuffle()) {
      SplittableRandom random = new SplittableRandom(options.shuffleSeed() * 31 + epoch);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    return order;
  }
}
