package dev.rnnkit.savedmodel.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TF Serving's warm-up file, {@code assets.extra/tf_serving_warmup_requests} in a version
 * folder: a TFRecord file of serialized {@code tensorflow.serving.PredictionLog} messages, each
 * a {@code predict_log} holding one {@code PredictRequest}. TF Serving runs them (with
 * {@code --enable_model_warmup}, its default) before it serves the version, so that the first
 * real request does not pay for TensorFlow's lazy initialisation; a request that fails makes
 * it refuse the version.
 */
public final class WarmupFile {

  /** Where TF Serving looks for it, relative to the version folder. */
  public static final String PATH = "assets.extra/tf_serving_warmup_requests";

  private WarmupFile() {}

  /** Writes {@code requests} into {@code versionDir}'s warm-up file. */
  static void write(Path versionDir, List<WarmupRequest> requests) throws IOException {
    Path file = versionDir.resolve(PATH);
    Files.createDirectories(file.getParent());
    List<byte[]> records = requests.stream().map(PredictionLogs::encode).toList();
    try (OutputStream out = Files.newOutputStream(file)) {
      TfRecordFile.write(out, records);
    }
  }

  /**
   * The requests of a warm-up file, each record's CRCs checked.
   *
   * @throws IOException naming the record when the file is damaged (cut short, a CRC that does
   *     not match) or a record is not a PredictionLog with a predict_log request
   */
  public static List<WarmupRequest> read(Path file) throws IOException {
    List<WarmupRequest> requests = new ArrayList<>();
    for (byte[] record : TfRecordFile.read(file)) {
      try {
        requests.add(PredictionLogs.decode(record));
      } catch (IOException e) {
        throw new IOException("Record " + (requests.size() + 1) + " of " + file + ": "
            + e.getMessage(), e);
      }
    }
    return requests;
  }
}
