package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.metrics.Mean;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.model.Trainable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in model for the fit loop's tests: it records the batches it trains on and the batch
 * sizes it evaluates with. Every batch has a loss of {@code batchLoss} and is all correct; every
 * evaluation has a loss of 0.25 and accuracy 1.
 */
final class RecordingModel implements Trainable {

  final List<Integer> trainBatchRows = new ArrayList<>();
  final List<Integer> evaluationBatchSizes = new ArrayList<>();
  private final double batchLoss;

  RecordingModel() {
    this(0.5);
  }

  RecordingModel(double batchLoss) {
    this.batchLoss = batchLoss;
  }

  @Override
  public RunningMeans trainStep(SequenceData data, int[] order, int from, int to) {
    int rows = to - from;
    trainBatchRows.add(rows);
    Map<String, Mean> means = new LinkedHashMap<>();
    means.put("loss", Mean.weighted(batchLoss, rows));
    means.put("accuracy", new Mean(rows, rows));
    means.put("last_step_accuracy", new Mean(rows, rows));
    return new RunningMeans(means);
  }

  @Override
  public Evaluation evaluate(SequenceData data, int batchSize) {
    evaluationBatchSizes.add(batchSize);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", 0.25);
    metrics.put("accuracy", 1.0);
    return new Evaluation(metrics, data.size());
  }

  @Override
  public List<String> metricNames() {
    return List.of("loss", "accuracy");
  }
}
