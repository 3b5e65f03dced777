package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SavedModelContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The models this JVM has loaded for scoring, one per model version and load options, shared by
 * all the tasks an executor runs at once and by its later tasks.
 *
 * <p>This is the one piece of static state in RNNKit, and on purpose: Spark gives tasks no object
 * that outlives them within an executor, so the JVM is the only scope in which a model can be
 * loaded once per executor rather than once per partition. A model on a remote file system (HDFS,
 * S3A, ...) is copied to the local disk first, once, since TensorFlow loads from local paths.
 *
 * <p>Models are closed and copies deleted by {@link #closeAll()}: at executor stop through
 * {@link ModelCachePlugin}, else when the JVM exits.
 */
public final class ExecutorModels {

  /** A model's identity: where it is and what it was when loaded. */
  private record Key(String uri, long modified, long size, Object loadOptions) {}

  private record Copy(Path dir, boolean temporary) {}

  private static final Map<Key, Copy> COPIES = new ConcurrentHashMap<>();
  private static final Map<Key, SavedModel> MODELS = new ConcurrentHashMap<>();
  private static final Thread CLOSE_AT_EXIT = new Thread(ExecutorModels::closeAll, "rnnkit-models-close");

  static {
    Runtime.getRuntime().addShutdownHook(CLOSE_AT_EXIT);
  }

  private ExecutorModels() {}

  /** The plan's model, loaded by the first task of this JVM that asks for it. */
  static SavedModel model(ScoringPlan plan) {
    Key key = key(plan.modelUri(), plan.hadoopConf().value(), plan.loadOptions());
    return MODELS.computeIfAbsent(key,
        k -> SavedModel.load(localDir(plan.modelUri(), plan.hadoopConf().value()), plan.loadOptions()));
  }

  /**
   * The model folder on this machine's disk: the folder itself for a local path or file: URI,
   * else a copy made once per JVM (and model version).
   */
  static Path localDir(String uri, Configuration conf) {
    Key key = key(uri, conf, null);
    return COPIES.computeIfAbsent(key, k -> copy(uri, conf)).dir();
  }

  /** Closes every model and deletes the local copies; later calls load them again. */
  public static void closeAll() {
    for (Key key : List.copyOf(MODELS.keySet())) {
      SavedModel model = MODELS.remove(key);
      if (model != null) {
        model.close();
      }
    }
    for (Key key : List.copyOf(COPIES.keySet())) {
      Copy copy = COPIES.remove(key);
      if (copy != null && copy.temporary()) {
        deleteQuietly(copy.dir());
      }
    }
  }

  /** How many models this JVM holds loaded from {@code uri}: one, however many tasks ran. */
  public static long loadedCount(String uri) {
    return MODELS.keySet().stream().filter(key -> key.uri().equals(uri)).count();
  }

  static boolean isLocal(String uri) {
    String scheme = scheme(uri);
    return scheme == null || scheme.equals("file");
  }

  private static String scheme(String uri) {
    // A Windows path (C:\models\lstm) is local, not the scheme "C".
    if (uri.matches("^[A-Za-z]:[\\\\/].*")) {
      return null;
    }
    try {
      return new URI(uri).getScheme();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static Path localPath(String uri) {
    return "file".equals(scheme(uri)) ? Paths.get(URI.create(uri)) : Path.of(uri);
  }

  private static Key key(String uri, Configuration conf, Object loadOptions) {
    try {
      if (isLocal(uri)) {
        Path file = SavedModelContents.savedModelFile(localPath(uri));
        return new Key(uri, Files.getLastModifiedTime(file).toMillis(), Files.size(file), loadOptions);
      }
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
          new org.apache.hadoop.fs.Path(uri), SavedModelContents.SAVED_MODEL_FILE);
      FileStatus status = file.getFileSystem(conf).getFileStatus(file);
      return new Key(uri, status.getModificationTime(), status.getLen(), loadOptions);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the model at " + uri + " ("
          + SavedModelContents.SAVED_MODEL_FILE + "): " + e.getMessage() + ". Give the folder of a"
          + " SavedModel, as a local path, file: URI or Hadoop file system URI every executor can"
          + " read.", e);
    }
  }

  private static Copy copy(String uri, Configuration conf) {
    if (isLocal(uri)) {
      return new Copy(localPath(uri), false);
    }
    Path target = null;
    try {
      target = Files.createTempDirectory("rnnkit-model-");
      org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = source.getFileSystem(conf);
      for (FileStatus child : fs.listStatus(source)) {
        // The raw local file system writes no .crc files beside the copy.
        fs.copyToLocalFile(false, child.getPath(),
            new org.apache.hadoop.fs.Path(target.toUri()), true);
      }
      return new Copy(target, true);
    } catch (IOException e) {
      if (target != null) {
        deleteQuietly(target);
      }
      throw new UncheckedIOException("Cannot copy the model " + uri + " to this machine's disk ("
          + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A copy left in the temporary folder is harmless; the scores are already written.
    }
  }
}
