package dev.rnnkit.bench;

import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The machine's peak float MatMul rate in TF Java: an n x n by n x n MatMul (2 n³ FLOPs),
 * median of timed runs after warm-up. The yardstick for how much of the machine training uses.
 */
public final class MatMulPeak {

  private MatMulPeak() {}

  /** GFLOP/s of a {@code size} x {@code size} MatMul, median of {@code runs}. */
  public static double gflops(int size, int runs) {
    // Its own thread pools with every core: a model's session may already have set the process's
    // shared pool to one thread per op.
    org.tensorflow.proto.ConfigProto config = org.tensorflow.proto.ConfigProto.newBuilder()
        .setUsePerSessionThreads(true)
        .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
        .setInterOpParallelismThreads(1)
        .build();
    try (Graph g = new Graph(); Session s = new Session(g, config)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
      Operand<TFloat32> product = tf.linalg.matMul(a, a);
      // Reduce on the device so the timing is not a 16 MB copy back to Java.
      Operand<TFloat32> sum = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      float[] values = new float[size * size];
      Arrays.fill(values, 0.001f);
      try (TFloat32 input = TFloat32.tensorOf(Shape.of(size, size), DataBuffers.of(values, true, false))) {
        double[] seconds = new double[runs];
        for (int r = -2; r < runs; r++) {
          long start = System.nanoTime();
          s.runner().feed(a, input).fetch(sum).run().close();
          if (r >= 0) {
            seconds[r] = (System.nanoTime() - start) / 1e9;
          }
        }
        return 2.0 * size * size * size / Stats.median(seconds) / 1e9;
      }
    }
  }
}
