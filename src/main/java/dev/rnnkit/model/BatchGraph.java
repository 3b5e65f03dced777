package dev.rnnkit.model;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The part of a model's graph that one batch runs through: its input placeholder, the output,
 * and the loss and metrics (null in a model built without a loss). A model with an open length
 * has one per sequence length; {@link #steps} is the length its input takes.
 */
interface BatchGraph {

  Placeholder<?> input();

  Operand<TFloat32> output();

  LossAndMetrics metrics();

  /** The number of time steps the input takes (every batch is padded to it). */
  int steps();
}
