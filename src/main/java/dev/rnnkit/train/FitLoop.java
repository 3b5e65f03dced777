package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Keras's {@code fit}: epochs of shuffled mini-batches, progress, validation, history. */
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
    SplittableRandom shuffler = new SplittableRandom(options.shuffleSeed());
    History history = new History();
    int steps = (train.size() + options.batchSize() - 1) / options.batchSize();
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      ProgressBar.epochHeader(options.progressOut(), epoch, options.epochs());
      ProgressBar bar = new ProgressBar(options.progressOut(), steps);
      long start = System.nanoTime();
      int[] order = train.naturalOrder();
      if (options.shuffle()) {
        shuffle(order, shuffler);
      }
      Running running = new Running();
      for (int step = 0; step < steps; step++) {
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
      }
      Map<String, Double> values = running.values(model);
      if (validation != null) {
        Evaluation val = model.evaluate(validation, options.batchSize());
        values.put("val_loss", val.loss());
        if (model.reportsAccuracy()) {
          values.put("val_accuracy", val.accuracy());
          if (model.hasSequenceOutput()) {
            values.put("val_last_step_accuracy", val.lastStepAccuracy());
          }
        }
      }
      bar.finish(values);
      history.addEpoch(values, (System.nanoTime() - start) / 1e9);
      options.onEpochEnd().accept(new FitOptions.EpochEnd(epoch, history));
    }
    return history;
  }

  /** Fisher-Yates with the fit's own seeded generator, so a seed fixes every epoch's order. */
  static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Keras's running averages over the epoch so far, weighted by batch size. */
  private static final class Running {
    double lossSum;
    long samples;
    double correctAll;
    long countAll;
    double correctLast;
    long countLast;

    void add(StepMetrics m) {
      lossSum += m.loss() * m.samples();
      samples += m.samples();
      correctAll += m.correctAll();
      countAll += m.countAll();
      correctLast += m.correctLast();
      countLast += m.countLast();
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
