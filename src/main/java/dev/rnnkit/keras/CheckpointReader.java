package dev.rnnkit.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads tensors from a TensorFlow checkpoint ({@code prefix.index} and
 * {@code prefix.data-*}) by key. TensorFlow's own {@code RestoreV2} op does the reading, in a
 * throw-away graph, so the index format (an SSTable of BundleEntryProto) and the data shards are
 * read exactly as TensorFlow reads them.
 */
final class CheckpointReader {

  /** A float tensor of the checkpoint. */
  record FloatTensor(String key, long[] shape, float[] values) {}

  private final Path prefix;

  /** @param prefix the checkpoint's prefix, e.g. {@code dir/variables/variables} */
  CheckpointReader(Path prefix) {
    Path index = Path.of(prefix + ".index");
    if (!Files.isRegularFile(index)) {
      throw new KerasImportException("No checkpoint index " + index + ": a SavedModel keeps its"
          + " weights in variables/variables.index and variables.data-*; copy the whole"
          + " SavedModel directory");
    }
    this.prefix = prefix;
  }

  /** A string scalar, as raw bytes (e.g. a serialized protobuf). */
  byte[] readBytes(String key) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      RestoreOp op = RestoreOp.build(graph, List.of(TString.class));
      try (Result result = op.run(session, prefix, List.of(key))) {
        return ((TString) result.get(0)).asBytes().getObject();
      }
    }
  }

  /** Float32 tensors, in the order of {@code keys}, read in one pass. */
  List<FloatTensor> readFloats(List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      RestoreOp op = RestoreOp.build(graph, Collections.nCopies(keys.size(), TFloat32.class));
      try (Result result = op.run(session, prefix, keys)) {
        List<FloatTensor> tensors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          TFloat32 t = (TFloat32) result.get(i);
          float[] values = new float[Math.toIntExact(t.size())];
          t.copyTo(DataBuffers.of(values, false, false));
          tensors.add(new FloatTensor(keys.get(i), t.shape().asArray(), values));
        }
        return tensors;
      }
    }
  }

  /** A RestoreV2 op fed the prefix and keys; one per read, since the dtypes are part of the op. */
  private record RestoreOp(
      Placeholder<TString> prefix,
      Placeholder<TString> keys,
      Placeholder<TString> slices,
      Restore restore) {

    static RestoreOp build(Graph graph, List<Class<? extends TType>> dtypes) {
      Ops tf = Ops.create(graph);
      Placeholder<TString> prefix = tf.placeholder(TString.class);
      Placeholder<TString> keys = tf.placeholder(TString.class);
      Placeholder<TString> slices = tf.placeholder(TString.class);
      return new RestoreOp(prefix, keys, slices, tf.train.restore(prefix, keys, slices, dtypes));
    }

    Result run(Session session, Path checkpointPrefix, List<String> keyList) {
      // An empty shape-and-slice string reads the whole tensor.
      String[] wholeTensors = Collections.nCopies(keyList.size(), "").toArray(String[]::new);
      try (TString prefixValue = TString.scalarOf(checkpointPrefix.toString());
          TString keyValues = TString.vectorOf(keyList.toArray(String[]::new));
          TString sliceValues = TString.vectorOf(wholeTensors)) {
        Session.Runner runner = session.runner()
            .feed(prefix, prefixValue)
            .feed(keys, keyValues)
            .feed(slices, sliceValues);
        restore.tensors().forEach(runner::fetch);
        return runner.run();
      } catch (TensorFlowException e) {
        throw new KerasImportException("Cannot read " + keyList + " from checkpoint "
            + checkpointPrefix + ": " + firstLine(e.getMessage()) + ". The checkpoint does not"
            + " match its object graph or is damaged; re-save the model", e);
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
