package dev.rnnkit.optimizers;

import dev.rnnkit.layers.WeightGradient;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Adam for a weight whose gradient comes as rows at looked-up ids (an Embedding), with the same
 * result as the dense update. A dense Adam step on a 10000 x 64 table is the largest single op
 * of a training step, and it used to wait for the whole backward pass. But the rows no id
 * touched get the update of a zero gradient, which does not depend on this step's gradient. So:
 *
 * <ol>
 *   <li>read the touched rows of the weight and of m and v (once the forward pass has read the
 *       weight);
 *   <li>apply TensorFlow's {@code ApplyAdam} with a zero gradient to the whole table: this runs
 *       beside the backward pass, on a core the sequential recursion leaves idle;
 *   <li>once the gradient rows arrive, sum them per id, redo the touched rows from their old
 *       values with {@code ApplyAdam}'s formula and order of operations, and write them back.
 * </ol>
 */
final class RowAdamUpdate {

  private RowAdamUpdate() {}

  static Op build(Ops adam, Variable<TFloat32> var, Variable<TFloat32> m, Variable<TFloat32> v,
      Operand<TFloat32> b1Power, Operand<TFloat32> b2Power, Operand<TFloat32> lr,
      Operand<TFloat32> b1, Operand<TFloat32> b2, Operand<TFloat32> eps, WeightGradient gradient) {
    Unique<TInt32, TInt32> unique = adam.unique(gradient.rowIds(), adam.constant(new int[] {0}));
    Operand<TInt32> ids = unique.y();
    Operand<TFloat32> g = adam.math.unsortedSegmentSum(gradient.rowValues(), unique.idx(), adam.size(ids));
    Operand<TFloat32> oldVar = adam.gather(var, ids, adam.constant(0));
    Operand<TFloat32> oldM = adam.gather(m, ids, adam.constant(0));
    Operand<TFloat32> oldV = adam.gather(v, ids, adam.constant(0));

    List<Op> before = new ArrayList<>(List.of(oldVar, oldM, oldV));
    before.addAll(gradient.readers());
    Operand<TFloat32> zeros = adam.zeros(adam.constant(var.shape().asArray()), TFloat32.class);
    Op untouched = adam.withControlDependencies(before)
        .train.applyAdam(var, m, v, b1Power, b2Power, lr, b1, b2, eps, zeros);

    // ApplyAdam's kernel: m += (g - m)(1 - b1); v += (g² - v)(1 - b2);
    // var -= m * alpha / (sqrt(v) + eps) with alpha = lr sqrt(1 - b2^t) / (1 - b1^t).
    Operand<TFloat32> one = adam.constant(1f);
    Operand<TFloat32> newM = adam.math.add(oldM, adam.math.mul(adam.math.sub(g, oldM), adam.math.sub(one, b1)));
    Operand<TFloat32> newV = adam.math.add(oldV,
        adam.math.mul(adam.math.sub(adam.math.square(g), oldV), adam.math.sub(one, b2)));
    Operand<TFloat32> alpha = adam.math.div(
        adam.math.mul(lr, adam.math.sqrt(adam.math.sub(one, b2Power))), adam.math.sub(one, b1Power));
    Operand<TFloat32> newVar = adam.math.sub(oldVar,
        adam.math.div(adam.math.mul(newM, alpha), adam.math.add(adam.math.sqrt(newV), eps)));

    Ops afterUntouched = adam.withControlDependencies(untouched);
    return adam.withControlDependencies(List.of(
            afterUntouched.scatterUpdate(var, ids, newVar),
            afterUntouched.scatterUpdate(m, ids, newM),
            afterUntouched.scatterUpdate(v, ids, newV)))
        .noOp();
  }
}
