package dev.rnnkit.compare;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.Trainer;
import java.time.Duration;
import java.util.List;

/**
 * Trains one model with one seed through the public {@link Trainer} and measures it with
 * callbacks ({@link EpochTimer}, {@link MemorySampler}). The seed fixes the initial weights and
 * the shuffling; the data and the budget come from the caller, the same for every model.
 */
final class ModelTrainer {

  private static final int EVALUATION_BATCH = 256;
  private static final Duration MEMORY_SAMPLING = Duration.ofMillis(20);

  private ModelTrainer() {}

  /**
   * Trains on the main data, evaluating the test data after every epoch (untimed: the timer
   * stops where validation begins), then times inference. Memory is sampled from before the
   * model is built until the last prediction.
   */
  static SeedRun trainOnMain(Cell cell, Sequential architecture, SequenceData train,
      SequenceData test, long seed, ComparisonConfig config) {
    System.gc(); // start each model from a collected heap, so heap peaks compare
    try (MemorySampler memory = new MemorySampler(MEMORY_SAMPLING)) {
      memory.start();
      try (Model model = Model.compile(architecture, seed)) {
        EpochTimer timer = new EpochTimer();
        History history = Trainer.fit(model, train, options(config.epochs(), config.batchSize(), seed)
            .validationData(test).validationBatchSize(EVALUATION_BATCH)
            .callbacks(timer, memory).build());
        Latency latency = LatencyProbe.measure(model, test, config.batchSize(), config.latency());
        MemoryPeak peak = memory.peak();
        // The model is many-to-one: its accuracy is its last step's.
        List<Double> valLoss = history.get("val_loss");
        List<Double> valAccuracy = history.get("val_accuracy");
        int last = valLoss.size() - 1;
        return new SeedRun(cell, seed, history.metrics(), timer.seconds(),
            config.stepsPerEpoch(train.size()), valLoss.get(last), valAccuracy.get(last), latency,
            peak, model.graphOperationCount());
      }
    }
  }

  /** Trains on one length of the long-range task and evaluates its test data once at the end. */
  static LongRangeRun trainOnLongRange(Cell cell, Sequential architecture, SequenceData train,
      SequenceData test, long seed, int epochs, int batchSize) {
    try (Model model = Model.compile(architecture, seed)) {
      EpochTimer timer = new EpochTimer();
      History history = Trainer.fit(model, train, options(epochs, batchSize, seed)
          .callbacks(timer).build());
      Evaluation eval = model.evaluate(test, EVALUATION_BATCH);
      List<Double> trainAccuracy = history.get("accuracy");
      int steps = (train.size() + batchSize - 1) / batchSize;
      return new LongRangeRun(cell, train.timeSteps(), seed, eval.loss(),
          eval.lastStepAccuracy(), trainAccuracy.get(trainAccuracy.size() - 1),
          new EpochTimes(timer.seconds(), steps).millisPerStep());
    }
  }

  private static FitOptions.Builder options(int epochs, int batchSize, long seed) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).shuffleSeed(seed)
        .progressOut(null);
  }
}
