package dev.rnnkit.savedmodel.export;

import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The warm-up requests of a TF Serving export: for {@code serving_default} two batches (1 and 3
 * rows) of the model's input shape, token ids below the Embedding's input_dim or float features;
 * for {@code serving_text} one text, then three (one of them empty). An open-length model gets
 * batches of two lengths, 20 and the article's 50, so both sizes of work are warmed.
 */
final class WarmupRequests {

  /** Rows of the two batches per signature. */
  static final int[] BATCH_SIZES = {1, 3};
  /** Steps of the two batches of an open-length model. */
  static final int[] OPEN_LENGTHS = {20, 50};

  private WarmupRequests() {}

  static List<WarmupRequest> of(ModelConfig config, String modelName) {
    Sequential architecture = config.architecture();
    InputSpec input = architecture.input();
    String key = config.servingKeys().input();
    List<WarmupRequest> requests = new ArrayList<>();
    for (int i = 0; i < BATCH_SIZES.length; i++) {
      int steps = input.isOpenLength() ? OPEN_LENGTHS[i] : input.timeSteps();
      long[] shape = input.isTokens() ? new long[] {BATCH_SIZES[i], steps}
          : new long[] {BATCH_SIZES[i], steps, input.features()};
      requests.add(request(modelName, ModelExporter.IDS_SIGNATURE, key, input.isTokens()
          ? TensorProtos.ints(shape, ids(shape, JavaPredictions.vocabulary(architecture)))
          : TensorProtos.floats(shape, features(shape))));
    }
    if (config.text() != null) {
      List<String> texts = JavaPredictions.SAMPLE_TEXTS;
      requests.add(request(modelName, ModelExporter.TEXT_SIGNATURE, ModelExporter.TEXT_INPUT,
          TensorProtos.strings(texts.subList(0, 1))));
      requests.add(request(modelName, ModelExporter.TEXT_SIGNATURE, ModelExporter.TEXT_INPUT,
          TensorProtos.strings(texts)));
    }
    return requests;
  }

  private static WarmupRequest request(String model, String signature, String key,
      org.tensorflow.proto.TensorProto tensor) {
    return new WarmupRequest(model, signature, new TreeMap<>(Map.of(key, tensor)));
  }

  /**
   * Ids as texts give them: row r is pre-padded over its first r quarters (none for row 0),
   * then counts up from a different start, wrapped below {@code vocabulary}.
   */
  private static int[] ids(long[] shape, int vocabulary) {
    int rows = (int) shape[0];
    int steps = (int) shape[1];
    int[] ids = new int[rows * steps];
    for (int r = 0; r < rows; r++) {
      int padding = Math.min(steps - 1, r * steps / 4);
      for (int t = padding; t < steps; t++) {
        ids[r * steps + t] = JavaPredictions.wrap(1 + 37 * r + t, vocabulary);
      }
    }
    return ids;
  }

  /** Smooth values in [-1, 1], different at every row, step and feature. */
  private static float[] features(long[] shape) {
    float[] values = new float[(int) (shape[0] * shape[1] * shape[2])];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.sin(0.37 * i + 0.5);
    }
    return values;
  }
}
