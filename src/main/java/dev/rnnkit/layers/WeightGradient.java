package dev.rnnkit.layers;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The gradient of the loss with respect to one weight: either a dense tensor of the weight's
 * shape, or, for a lookup table such as an Embedding, the gradient rows of the looked-up ids
 * (an id may repeat; its rows add up). Row gradients let the optimizer touch only those rows where
 * that gives the same result.
 *
 * @param dense the dense gradient, or null for row gradients
 * @param rowIds for row gradients, the ids looked up, [n]
 * @param rowValues for row gradients, one gradient row per id, [n, columns]
 * @param readers for row gradients, the forward ops that read the weight: no update may start
 *     before they have run
 */
public record WeightGradient(
    Operand<TFloat32> dense, Operand<TInt32> rowIds, Operand<TFloat32> rowValues, List<Operand<?>> readers) {

  public WeightGradient {
    if ((dense == null) == (rowIds == null || rowValues == null)) {
      throw new IllegalArgumentException("A weight gradient is either dense or rows, not both or neither");
    }
    readers = readers == null ? List.of() : List.copyOf(readers);
  }

  public static WeightGradient dense(Operand<TFloat32> gradient) {
    return new WeightGradient(Objects.requireNonNull(gradient), null, null, List.of());
  }

  public static WeightGradient rows(
      Operand<TInt32> ids, Operand<TFloat32> values, List<Operand<?>> readers) {
    return new WeightGradient(null, ids, values, readers);
  }

  public boolean isRows() {
    return dense == null;
  }

  /** The gradient as a dense tensor of {@code rows} rows (row gradients summed per id). */
  public Operand<TFloat32> toDense(Ops tf, long rows) {
    return isRows() ? tf.math.unsortedSegmentSum(rowValues, rowIds, tf.constant(rows)) : dense;
  }

  /** The operand that is ready once this gradient has been computed. */
  public Operand<TFloat32> value() {
    return isRows() ? rowValues : dense;
  }
}
