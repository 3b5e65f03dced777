package dev.rnnkit.savedmodel.export;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Run in a fresh JVM by {@link ModelExportTest}: loads a SavedModel, calls both signatures on the
 * inputs the test wrote, and writes the raw float bits of every output to a file.
 */
public final class ReloadMain {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        DataOutputStream data = new DataOutputStream(new FileOutputStream(out.toFile()));
        Tensor ids = ExportFixtures.ids();
        Tensor texts = ExportFixtures.texts();
        Result byIds = bundle.function("serving_default").call(Map.of("token_ids", ids));
        Result byText = bundle.function("serving_text").call(Map.of("text", texts))) {
      for (Result r : new Result[] {byIds, byText}) {
        for (String key : new String[] {"probabilities", "step_probabilities"}) {
          TFloat32 t = (TFloat32) r.get(key).orElseThrow();
          float[] values = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(values, false, false));
          data.writeInt(values.length);
          for (float v : values) {
            data.writeInt(Float.floatToRawIntBits(v));
          }
        }
      }
    }
  }
}
