package dev.rnnkit.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.WeightGradient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An Embedding's row gradient (ids may repeat) is clipped as the dense gradient it stands for:
 * rows of a repeated id are summed before the norm is taken. Checked against the dense gradient
 * and Keras's clipping computed here in doubles, with SGD (lr 1) so the update is the clipped
 * gradient itself.
 */
class RowGradientClippingTest {

  private static final int[] IDS = {1, 3, 1, 4, 1};
  private static final float[] ROWS = {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f, 1f, 1f, -2f,
      3f, 0f, 0.5f, -0.25f, 2.5f, 1f};
  private static final float[] DENSE_OTHER = {0.3f, -0.4f};

  @Test
  void clipnormUsesTheNormOfTheSummedRows() {
    check(OptimizerOptions.NONE.withClipnorm(1.5f));
  }

  @Test
  void globalClipnormCountsTheSummedRowsOnce() {
    check(OptimizerOptions.NONE.withGlobalClipnorm(2f));
  }

  @Test
  void clipvalueClipsTheSummedRows() {
    check(OptimizerOptions.NONE.withClipvalue(1.2f));
  }

  private static void check(OptimizerOptions options) {
    double[] dense = new double[5 * 3];
    for (int i = 0; i < IDS.length; i++) {
      for (int c = 0; c < 3; c++) {
        dense[IDS[i] * 3 + c] += ROWS[i * 3 + c];
      }
    }
    List<double[]> grads = List.of(dense, new double[] {DENSE_OTHER[0], DENSE_OTHER[1]});
    List<double[]> clipped = ReferenceOptimizer.clip(grads, options);
    // The per-row sum matters: clipping the rows as they come would give another result.
    double unsummed = 0;
    for (float r : ROWS) {
      unsummed += r * r;
    }
    assertTrue(Math.abs(unsummed - ReferenceOptimizer.sumSquares(dense)) > 1);

    List<float[]> after = update(new SGD(1f, 0f, false, options));
    for (int k = 0; k < dense.length; k++) {
      assertEquals(-clipped.get(0)[k], after.get(0)[k], 1e-6, "embeddings[" + k + "]");
    }
    for (int k = 0; k < 2; k++) {
      assertEquals(-clipped.get(1)[k], after.get(1)[k], 1e-6, "bias[" + k + "]");
    }
  }

  /** The two zero-initialised variables after one SGD step from the gradients above. */
  private static List<float[]> update(Optimizer optimizer) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> table = tf.withName("table").variable(Shape.of(5, 3), TFloat32.class);
      Variable<TFloat32> bias = tf.withName("bias").variable(Shape.of(2), TFloat32.class);
      Session.Runner init = s.runner();
      init.addTarget(tf.assign(table, tf.zeros(tf.constant(new long[] {5, 3}), TFloat32.class)));
      init.addTarget(tf.assign(bias, tf.zeros(tf.constant(new long[] {2}), TFloat32.class)));
      init.run().close();
      Updates updates = optimizer.build(tf, List.of(table, bias), List.of(
          WeightGradient.rows(tf.constant(IDS),
              tf.constant(Shape.of(5, 3), DataBuffers.of(ROWS)), List.of()),
          WeightGradient.dense(tf.constant(DENSE_OTHER))));
      try (TFloat32 lr = TFloat32.scalarOf(optimizer.learningRate())) {
        s.runner().feed(updates.learningRate(), lr).addTarget(updates.apply()).run().close();
      }
      List<float[]> out = new ArrayList<>();
      try (Result r = s.runner().fetch(table).fetch(bias).run()) {
        for (int i = 0; i < 2; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] values = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(values, false, false));
          out.add(values);
        }
      }
      return out;
    }
  }
}
