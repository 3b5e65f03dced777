package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What Keras's Dropout and SpatialDropout1D share: no weights, the identity at inference, and at
 * training the input with each draw of the noise shape kept with probability {@code 1-rate} and
 * divided by it (see {@link Noise#drop}). Elementwise, so either sequence layout.
 */
public sealed interface DropoutLayer extends Layer permits Dropout, SpatialDropout1D {

  /** Keras's {@code rate}: the fraction of units dropped at training, in [0, 1). */
  float rate();

  /** Keras's {@code seed} (null: none), mixed into the draws. */
  Integer seed();

  /**
   * The shape of one draw for an input of {@code rank}, batch-major: an entry null where the
   * input's own dimension is used (Keras's None).
   */
  List<Integer> noiseDims(int rank);

  @Override
  default List<WeightSpec> weightSpecs(Shape inputShape) {
    return List.of();
  }

  @Override
  default boolean acceptsTimeMajor() {
    return true;
  }

  /** The identity: Keras's {@code training=False}. */
  @Override
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return floats(input);
  }

  @Override
  default Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout, Operand<TFloat32> mask, Operand<TInt32> lengths, Noise noise) {
    Operand<TFloat32> x = floats(input);
    if (noise == null || rate() == 0) {
      return x;
    }
    List<Integer> dims = noiseDims(inputShape.numDimensions());
    if (layout == SequenceLayout.TIME_MAJOR && dims.size() == 3) {
      dims = new ArrayList<>(dims); // the rows are [time, batch, features]
      Collections.swap(dims, 0, 1);
    }
    return noise.drop(tf, x, Noise.noiseShape(tf, x, dims), rate(), Noise.key(name(), seed()));
  }

  @Override
  default long forwardFlopsPerSample(Shape inputShape) {
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> input) {
    if (input.asOutput().type() != TFloat32.class) {
      throw new IllegalArgumentException("Dropout layers take float inputs; put them after the"
          + " Embedding, not on token ids");
    }
    return (Operand<TFloat32>) input;
  }
}
