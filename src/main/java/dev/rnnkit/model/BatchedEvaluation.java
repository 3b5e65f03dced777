package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.metrics.RunningMeans;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code evaluate} over one graph's loss and metrics, in batches run side by side.
 * Shared by the compiled and the inference-only model, so both give the same numbers.
 */
final class BatchedEvaluation {

  private BatchedEvaluation() {}

  /** Every reported metric over {@code data}, refused first if {@code checks} say so or empty. */
  static Evaluation run(Session session, LengthGraphs<?> graphs, List<String> reported,
      DataChecks checks, SequenceData data, int batchSize, int threads) {
    checks.trainable();
    DataChecks.batchSize(batchSize);
    checks.data(data, true, "evaluation");
    if (data.size() == 0) {
      throw new IllegalArgumentException("No data to evaluate: the data set has 0 sequences");
    }
    int[] order = data.naturalOrder();
    Batches batches = new Batches(data.size(), batchSize);
    // Graphs are built first, one thread: the batches then only run them.
    List<BatchGraph> graphOf = new ArrayList<>();
    for (int b = 0; b < batches.count(); b++) {
      graphOf.add(graphs.forBatch(data, order, batches.from(b), batches.to(b)));
    }
    List<RunningMeans> perBatch = ParallelBatches.map(batches.count(), threads,
        b -> batch(session, graphOf.get(b), data, order, batches.from(b), batches.to(b)));
    RunningMeans sum = RunningMeans.EMPTY;
    for (RunningMeans batch : perBatch) {
      sum = sum.plus(batch); // in batch order, so the sums are the same as one batch at a time
    }
    return new Evaluation(sum.results(reported), data.size());
  }

  private static RunningMeans batch(Session session, BatchGraph graph, SequenceData data,
      int[] order, int from, int to) {
    LossAndMetrics metrics = graph.metrics();
    try (Tensor x = data.inputBatch(order, from, to, graph.steps());
        TFloat32 y = data.labelBatch(order, from, to);
        Result r = metrics.fetchMetrics(
            session.runner().feed(graph.input(), x).feed(metrics.labels, y)).run()) {
      return metrics.batchMeans(r, 0, to - from);
    }
  }
}
