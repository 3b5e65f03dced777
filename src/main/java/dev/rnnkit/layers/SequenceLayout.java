package dev.rnnkit.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * How sequences ([batch, time, features] in Keras) are laid out between layers inside a graph.
 * Recurrent layers step over time-major rows, so given batch-major sequences they transpose
 * their input and their output; a model whose layers all take time-major sequences chains them
 * that way and transposes once, at its output. Shapes are always stated batch-major; only
 * rank-3 tensors are affected.
 */
public enum SequenceLayout {
  /** [batch, time, features], as Keras's layers see their inputs and outputs. */
  BATCH_MAJOR,
  /** [time, batch, features]. */
  TIME_MAJOR;

  /** Swaps the first two axes of a rank-3 tensor: from one layout to the other. */
  public static <T extends TType> Operand<T> swap(Ops tf, Operand<T> sequences) {
    return tf.linalg.transpose(sequences, tf.constant(new int[] {1, 0, 2}));
  }

  /** Batch-major {@code sequences} laid out as this. */
  public <T extends TType> Operand<T> fromBatchMajor(Ops tf, Operand<T> sequences) {
    return this == TIME_MAJOR ? swap(tf, sequences) : sequences;
  }

  /** {@code sequences} laid out as this, batch-major. */
  public <T extends TType> Operand<T> toBatchMajor(Ops tf, Operand<T> sequences) {
    return fromBatchMajor(tf, sequences); // the swap is its own inverse
  }

  /** Time-major {@code sequences} laid out as this. */
  public <T extends TType> Operand<T> fromTimeMajor(Ops tf, Operand<T> sequences) {
    return this == BATCH_MAJOR ? swap(tf, sequences) : sequences;
  }

  /** {@code sequences} laid out as this, time-major. */
  public <T extends TType> Operand<T> toTimeMajor(Ops tf, Operand<T> sequences) {
    return fromTimeMajor(tf, sequences);
  }

  /** The axis of time steps. */
  public int timeAxis() {
    return this == TIME_MAJOR ? 0 : 1;
  }
}
