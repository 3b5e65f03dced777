package dev.rnnkit.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GlobalMaxPooling1D()}: the maximum of each feature over all time steps,
 * [batch, time, features] to [batch, features].
 *
 * <p>Keras 3 does not support masking in this layer: given a masked input it warns, takes the
 * maximum over every step, masked ones included, and drops the mask. So does this layer (the
 * mask reaches {@link #pool} but is not used).
 */
public record GlobalMaxPooling1D(String name) implements GlobalPooling1D {

  public GlobalMaxPooling1D() {
    this(null);
  }

  @Override
  public Layer withName(String newName) {
    return new GlobalMaxPooling1D(newName);
  }

  @Override
  public String kerasClassName() {
    return "GlobalMaxPooling1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "global_max_pooling1d";
  }

  /**
   * Masked steps take part in the maximum, so padding added beyond a batch's own (length
   * buckets) or moved from the front to the end (serving) could change it: after a masked
   * Bidirectional sequence, for instance, padded steps are zeros at the front but carried
   * outputs at the end. A model with this layer keeps its batches as given.
   */
  @Override
  public boolean mixesStepsIgnoringMask() {
    return true;
  }

  @Override
  public Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, SequenceLayout layout,
      Operand<TFloat32> mask) {
    return tf.max(x, tf.constant(layout.timeAxis()));
  }
}
