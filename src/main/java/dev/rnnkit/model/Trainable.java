package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.metrics.RunningMeans;
import java.util.List;

/**
 * What a trainer needs of a model: one optimizer step, an evaluation, and the names of the
 * metrics it reports. {@link Model} is one; the trainer's own tests use stand-ins.
 */
public interface Trainable {

  /**
   * One optimizer step on the sequences {@code order[from..to)}; the batch's means of every
   * metric the graph computes (a superset of {@link #metricNames()}).
   */
  RunningMeans trainStep(SequenceData data, int[] order, int from, int to);

  /** Keras's {@code evaluate}. */
  Evaluation evaluate(SequenceData data, int batchSize);

  /** Keras's {@code metrics_names}: what logs, history and evaluations hold, {@code loss} first. */
  List<String> metricNames();
}
