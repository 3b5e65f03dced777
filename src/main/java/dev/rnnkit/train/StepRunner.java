package dev.rnnkit.train;

import dev.rnnkit.data.SequenceData;

/** What the fit loop needs of a model: run one training step and evaluate a data set. */
public interface StepRunner {

  /** One optimizer step on the sequences {@code order[from..to)}. */
  StepMetrics trainStep(SequenceData data, int[] order, int from, int to);

  Evaluation evaluate(SequenceData data, int batchSize);

  /** Whether accuracy is meaningful (a binary classification loss). */
  boolean reportsAccuracy();

  /** Whether the output has a time axis, so that last-step accuracy differs from accuracy. */
  boolean hasSequenceOutput();
}
