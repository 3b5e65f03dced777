package dev.rnnkit.compare;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.train.Evaluation;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one model with one seed through the public {@link Model} API and measures it. The seed
 * fixes the initial weights and the shuffling; the data and the budget come from the caller, the
 * same for every model.
 */
final class ModelTrainer {

  private static final int EVALUATION_BATCH = 256;
  private static final Duration MEMORY_SAMPLING = Duration.ofMillis(20);

  private ModelTrainer() {}

  /**
   * Trains on the main data, evaluating the test data after every epoch (outside the timed
   * epoch, so epoch times are training only), then times inference. Memory is sampled from
   * before the model is built until the last prediction.
   */
  static SeedRun trainOnMain(Cell cell, Sequential architecture, SequenceData train,
      SequenceData test, long seed, ComparisonConfig config) {
    System.gc(); // start each model from a collected heap, so heap peaks compare
    try (MemorySampler memory = MemorySampler.start(MEMORY_SAMPLING);
        Model model = Model.compile(architecture, seed)) {
      List<Double> valLoss = new ArrayList<>();
      List<Double> valAccuracy = new ArrayList<>();
      History history = model.fit(train, options(config.epochs(), config.batchSize(), seed)
          .onEpochEnd(end -> {
            Evaluation val = model.evaluate(test, EVALUATION_BATCH);
            valLoss.add(val.loss());
            valAccuracy.add(val.lastStepAccuracy());
          })
          .build());
      Latency latency = LatencyProbe.measure(model, test, config.batchSize(), config.latency());
      MemoryPeak peak = memory.peak();
      Map<String, List<Double>> curves = new LinkedHashMap<>();
      curves.put("loss", history.get("loss"));
      curves.put("accuracy", history.get("accuracy"));
      curves.put("val_loss", valLoss);
      curves.put("val_accuracy", valAccuracy);
      int last = valLoss.size() - 1;
      return new SeedRun(cell, seed, curves, history.epochSeconds(),
          config.stepsPerEpoch(train.size()), valLoss.get(last), valAccuracy.get(last), latency,
          peak, model.graphOperationCount());
    }
  }

  /** Trains on one length of the long-range task and evaluates its test data once at the end. */
  static LongRangeRun trainOnLongRange(Cell cell, Sequential architecture, SequenceData train,
      SequenceData test, long seed, int epochs, int batchSize) {
    try (Model model = Model.compile(architecture, seed)) {
      History history = model.fit(train, options(epochs, batchSize, seed).build());
      Evaluation eval = model.evaluate(test, EVALUATION_BATCH);
      List<Double> trainAccuracy = history.get("accuracy");
      int steps = (train.size() + batchSize - 1) / batchSize;
      return new LongRangeRun(cell, train.timeSteps(), seed, eval.loss(),
          eval.lastStepAccuracy(), trainAccuracy.get(trainAccuracy.size() - 1),
          new EpochTimes(history.epochSeconds(), steps).millisPerStep());
    }
  }

  private static FitOptions.Builder options(int epochs, int batchSize, long seed) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).shuffleSeed(seed)
        .progressOut(null);
  }
}
