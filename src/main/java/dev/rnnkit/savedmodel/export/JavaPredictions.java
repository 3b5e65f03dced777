package dev.rnnkit.savedmodel.export;

import dev.rnnkit.io.Json;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.ServingKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Writes {@code assets.extra/java_predictions.json} into an export: sample inputs and what the
 * export itself returns for them in Java, through each signature. {@code python/check_export.py}
 * loads the export with Python TensorFlow and compares its outputs with these.
 */
final class JavaPredictions {

  static final String FILE = "assets.extra/java_predictions.json";
  static final List<String> SAMPLE_TEXTS = List.of(
      "This movie was wonderful, the acting was great and I loved every minute of it.",
      "A dull, boring film.<br /><br />The plot made no sense and I wanted to leave.",
      "");

  private JavaPredictions() {}

  static void write(Path folder, Sequential architecture, ServingKeys keys, boolean hasText)
      throws IOException {
    InputSpec input = architecture.input();
    if (!input.isTokens()) {
      return;
    }
    // An open-length model is sampled at the article's length.
    int[][] ids = sampleIds(input.isOpenLength() ? 50 : input.timeSteps(), vocabulary(architecture));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ids_key", keys.input());
    out.put("token_ids", ids);
    try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), ModelExporter.TAG)) {
      out.put(ModelExporter.IDS_SIGNATURE, callIds(bundle, keys.input(), ids));
      if (hasText) {
        out.put("texts", SAMPLE_TEXTS);
        out.put(ModelExporter.TEXT_SIGNATURE, callText(bundle));
      }
    }
    Path file = folder.resolve(FILE);
    Files.createDirectories(file.getParent());
    Json.prettyWriter().writeValue(file.toFile(), out);
  }

  /**
   * Two fixed id rows: mostly padding with a few ids, and ids 1..T. Ids wrap below
   * {@code vocabulary} (1, 2, ..., vocabulary - 1, 1, ...) so that a small Embedding can be sampled.
   */
  private static int[][] sampleIds(int length, int vocabulary) {
    int[][] ids = new int[2][length];
    ids[0][length - 3] = wrap(1, vocabulary);
    ids[0][length - 2] = wrap(14, vocabulary);
    ids[0][length - 1] = wrap(22, vocabulary);
    for (int t = 0; t < length; t++) {
      ids[1][t] = wrap(t + 1, vocabulary);
    }
    return ids;
  }

  static int wrap(int id, int vocabulary) {
    return vocabulary <= 1 ? 0 : 1 + (id - 1) % (vocabulary - 1);
  }

  /** The first Embedding's input_dim: the ids a token model accepts. */
  static int vocabulary(Sequential architecture) {
    return architecture.layers().stream()
        .filter(Embedding.class::isInstance).map(l -> ((Embedding) l).inputDim())
        .findFirst().orElse(Integer.MAX_VALUE);
  }

  private static Map<String, float[]> callIds(SavedModelBundle bundle, String key, int[][] ids) {
    int[] flat = new int[ids.length * ids[0].length];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(ids[i], 0, flat, i * ids[0].length, ids[0].length);
    }
    try (TInt32 t = TInt32.tensorOf(Shape.of(ids.length, ids[0].length), DataBuffers.of(flat, true, false));
        Result r = bundle.function(ModelExporter.IDS_SIGNATURE).call(Map.of(key, t))) {
      return floats(r);
    }
  }

  private static Map<String, float[]> callText(SavedModelBundle bundle) {
    try (TString t = TString.vectorOf(SAMPLE_TEXTS.toArray(new String[0]));
        Result r = bundle.function(ModelExporter.TEXT_SIGNATURE).call(Map.of(ModelExporter.TEXT_INPUT, t))) {
      return floats(r);
    }
  }

  private static Map<String, float[]> floats(Result r) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, org.tensorflow.Tensor> e : r) {
      TFloat32 t = (TFloat32) e.getValue();
      float[] v = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(v, false, false));
      out.put(e.getKey(), v);
    }
    return out;
  }
}
