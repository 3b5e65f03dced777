package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code predict} over one graph's input and output, in batches run side by side. Shared
 * by the compiled and the inference-only model, so both cut and order batches the same way and
 * give the same numbers.
 */
final class BatchedPrediction {

  private BatchedPrediction() {}

  /** The output for each sequence, flattened per sequence (50 values for a [batch, 50, 1] output). */
  static float[][] run(Session session, Placeholder<?> input, Operand<TFloat32> output,
      SequenceData data, int batchSize, int threads) {
    int perSample = (int) valuesPerSequence(output.shape());
    float[][] out = new float[data.size()][perSample];
    int[] order = data.naturalOrder();
    Batches batches = new Batches(data.size(), batchSize);
    // Each batch fills its own rows of out.
    ParallelBatches.map(batches.count(), threads, b -> {
      int from = batches.from(b);
      int to = batches.to(b);
      try (Tensor x = data.inputBatch(order, from, to);
          Result r = session.runner().feed(input, x).fetch(output).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        float[] flat = new float[(to - from) * perSample];
        y.copyTo(DataBuffers.of(flat, false, false));
        for (int i = from; i < to; i++) {
          System.arraycopy(flat, (i - from) * perSample, out[i], 0, perSample);
        }
      }
      return null;
    });
    return out;
  }

  private static long valuesPerSequence(Shape shape) {
    long n = 1;
    for (int i = 1; i < shape.numDimensions(); i++) {
      n *= shape.get(i);
    }
    return n;
  }
}
