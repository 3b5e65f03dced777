package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code predict} over one graph's input and output, in batches run side by side. Shared
 * by the compiled and the inference-only model, so both cut and order batches the same way and
 * give the same numbers.
 */
final class BatchedPrediction {

  private BatchedPrediction() {}

  /**
   * The output for each sequence, flattened per sequence (50 values for a [batch, 50, 1] output).
   * A sequence output keeps each sequence's own steps, not the padding's.
   */
  static float[][] run(Session session, LengthGraphs<?> graphs, SequenceData data, int batchSize,
      int threads) {
    float[][] out = new float[data.size()][];
    int[] order = data.naturalOrder();
    Batches batches = new Batches(data.size(), batchSize);
    // Graphs are built first, one thread: the batches then only run them.
    List<BatchGraph> graphOf = new ArrayList<>();
    for (int b = 0; b < batches.count(); b++) {
      graphOf.add(graphs.forBatch(data, order, batches.from(b), batches.to(b)));
    }
    // Each batch fills its own rows of out.
    ParallelBatches.map(batches.count(), threads, b -> {
      int from = batches.from(b);
      int to = batches.to(b);
      BatchGraph graph = graphOf.get(b);
      Shape shape = graph.output().shape();
      int perSample = (int) valuesPerSequence(shape);
      try (Tensor x = data.inputBatch(order, from, to, graph.steps());
          Result r = session.runner().feed(graph.input(), x).fetch(graph.output()).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        float[] flat = new float[(to - from) * perSample];
        y.copyTo(DataBuffers.of(flat, false, false));
        for (int i = from; i < to; i++) {
          // Steps added to a batch to reach its graph's length are not the sequence's.
          int kept = shape.numDimensions() == 3 ? data.length(i) * (int) shape.get(2) : perSample;
          out[i] = Arrays.copyOfRange(flat, (i - from) * perSample, (i - from) * perSample + kept);
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
