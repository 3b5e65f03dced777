package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code fit}: epochs of shuffled mini-batches, progress, validation, history; and
 * resumable: each epoch's order comes from the seed and the epoch number, and the loop can start
 * from a {@link FitState} and stop after any step with one.
 */
public final class FitLoop {

  private FitLoop() {}

  public static History fit(StepRunner model, SequenceData data, FitOptions options) {
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
    FitState start = options.resumeFrom() != null ? options.resumeFrom() : FitState.start();
    History history = new History(start.history(), start.epochSeconds());
    int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
    checkResumable(start, steps, options.epochs());
    for (int epoch = start.epoch(); epoch <= options.epochs(); epoch++) {
      boolean resumed = epoch == start.epoch();
      ProgressBar.epochHeader(options.progressStream(), epoch, options.epochs());
      ProgressBar bar = new ProgressBar(options.progressStream(), steps);
      Running running = resumed ? Running.of(start) : new Running();
      double earlierSeconds = resumed ? start.epochSecondsSoFar() : 0;
      long began = System.nanoTime();
      int[] order = epochOrder(train, options, epoch);
      for (int step = resumed ? start.step() : 0; step < steps; step++) {
        int from = step * options.batchSize();
        int to = Math.min(train.size(), from + options.batchSize());
        StepMetrics m = model.trainStep(train, order, from, to);
        if (!Double.isFinite(m.loss())) {
          throw new TrainingDivergedException(
              "The loss became " + m.loss() + " at epoch " + epoch + ", step " + (step + 1)
                  + ": training stopped. Lower the learning rate, or check the data for NaN or"
                  + " extreme values.");
        }
        running.add(m);
        bar.update(step + 1, running.values(model));
        if (step + 1 < steps && options.stopRequested().getAsBoolean()) {
          double seconds = earlierSeconds + (System.nanoTime() - began) / 1e9;
          options.onCheckpoint().accept(running.state(epoch, step + 1, seconds, history));
          history.markStoppedEarly();
          return history;
        }
      }
      Map<String, Double> values = running.values(model);
      if (validation != null) {
        Evaluation val = model.evaluate(validation, options.effectiveValidationBatchSize());
        values.put("val_loss", val.loss());
        if (model.reportsAccuracy()) {
          values.put("val_accuracy", val.accuracy());
          if (model.hasSequenceOutput()) {
            values.put("val_last_step_accuracy", val.lastStepAccuracy());
          }
        }
      }
      bar.finish(values);
      history.addEpoch(values, earlierSeconds + (System.nanoTime() - began) / 1e9);
      options.onEpochEnd().accept(new FitOptions.EpochEnd(epoch, history));
      options.onCheckpoint().accept(new Running().state(epoch + 1, 0, 0, history));
      if (epoch < options.epochs() && options.stopRequested().getAsBoolean()) {
        history.markStoppedEarly();
        return history;
      }
    }
    return history;
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

  /** Keras's running averages over the epoch so far, weighted by batch size. */
  private static final class Running {
    double lossSum;
    long samples;
    double correctAll;
    long countAll;
    double correctLast;
    long countLast;

    static Running of(FitState s) {
      Running r = new Running();
      r.lossSum = s.lossSum();
      r.samples = s.samples();
      r.correctAll = s.correctAll();
      r.countAll = s.countAll();
      r.correctLast = s.correctLast();
      r.countLast = s.countLast();
      return r;
    }

    void add(StepMetrics m) {
      lossSum += m.loss() * m.samples();
      samples += m.samples();
      correctAll += m.correctAll();
      countAll += m.countAll();
      correctLast += m.correctLast();
      countLast += m.countLast();
    }

    FitState state(int epoch, int step, double seconds, History history) {
      return new FitState(epoch, step, lossSum, samples, correctAll, countAll, correctLast,
          countLast, seconds, history.metrics(), history.epochSeconds());
    }

    Map<String, Double> values(StepRunner model) {
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("loss", lossSum / samples);
      if (model.reportsAccuracy()) {
        values.put("accuracy", correctAll / countAll);
        if (model.hasSequenceOutput()) {
          values.put("last_step_accuracy", correctLast / countLast);
        }
      }
      return values;
    }
  }
}
