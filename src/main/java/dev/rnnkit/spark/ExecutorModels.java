package dev.rnnkit.spark;

import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SavedModelContents;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * A model folder's identity: where it is and what its files were (saved_model.pb and the
   * variables' index), so that a model exported again is a new model.
   */
  record Stamp(String uri, boolean local, long modified, long size) implements java.io.Serializable {}

  private record Key(Stamp stamp, Object loadOptions) {}

  private record Copy(Path dir, boolean temporary) {}

  private static final Map<Key, Copy> COPIES = new ConcurrentHashMap<>();
  private static final Map<Key, SavedModel> MODELS = new ConcurrentHashMap<>();
  private static final java.util.concurrent.locks.ReadWriteLock LIFECYCLE =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private static final Thread CLOSE_AT_EXIT = new Thread(ExecutorModels::closeAll, "rnnkit-models-close");

  static {
    Runtime.getRuntime().addShutdownHook(CLOSE_AT_EXIT);
  }

  private ExecutorModels() {}

  /**
   * The plan's model, loaded by the first task of this JVM that asks for it.
   *
   * @throws IllegalStateException if the model's files changed since the driver planned the job:
   *     one job scores with one model, and a retried task with the same one
   */
  static SavedModel model(ScoringPlan plan) {
    Configuration conf = plan.hadoopConf().value();
    Stamp now = stamp(plan.modelUri(), conf);
    if (!now.equals(plan.modelStamp())) {
      throw new IllegalStateException("The model at " + plan.modelUri() + " changed after the job"
          + " started (its saved_model.pb or variables were written again): one job scores with"
          + " one model; run the job again once the model is in place");
    }
    // Loading holds the read lock, so that closeAll() neither deletes a copy being loaded nor
    // misses a model loaded while it runs.
    LIFECYCLE.readLock().lock();
    try {
      return MODELS.computeIfAbsent(new Key(now, plan.loadOptions()),
          k -> SavedModel.load(copy(now, conf).dir(), plan.loadOptions()));
    } finally {
      LIFECYCLE.readLock().unlock();
    }
  }

  /**
   * The model folder on this machine's disk: the folder itself on the local file system, else a
   * copy made once per JVM (and model version).
   */
  static Path localDir(Stamp stamp, Configuration conf) {
    return copy(stamp, conf).dir();
  }

  /**
   * Where {@code uri} is, resolved as Hadoop resolves paths (a path without a scheme is on the
   * default file system: HDFS on a cluster, the local disk in local mode), and what it holds.
   */
  static Stamp stamp(String uri, Configuration conf) {
    try {
      if (WINDOWS_PATH.matcher(uri).matches()) {
        return localStamp(Path.of(uri));
      }
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      org.apache.hadoop.fs.Path qualified = fs.makeQualified(path);
      if ("file".equals(qualified.toUri().getScheme())) {
        return localStamp(Paths.get(qualified.toUri()));
      }
      FileStatus model = fs.getFileStatus(
          new org.apache.hadoop.fs.Path(qualified, SavedModelContents.SAVED_MODEL_FILE));
      org.apache.hadoop.fs.Path index = new org.apache.hadoop.fs.Path(qualified, VARIABLES_INDEX);
      FileStatus variables = fs.exists(index) ? fs.getFileStatus(index) : null;
      return new Stamp(qualified.toString(), false,
          Math.max(model.getModificationTime(), variables == null ? 0 : variables.getModificationTime()),
          model.getLen() + (variables == null ? 0 : variables.getLen()));
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("Cannot read the model at " + uri + " ("
          + SavedModelContents.SAVED_MODEL_FILE + "): " + e.getMessage() + ". Give the folder of a"
          + " SavedModel, as a path or URI every executor can read (hdfs://, s3a://, file:).",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static final java.util.regex.Pattern WINDOWS_PATH =
      java.util.regex.Pattern.compile("^[A-Za-z]:[\\\\/].*");
  private static final String VARIABLES_INDEX = "variables/variables.index";

  private static Stamp localStamp(Path dir) throws IOException {
    Path model = SavedModelContents.savedModelFile(dir);
    Path index = dir.resolve(VARIABLES_INDEX);
    boolean hasIndex = Files.isRegularFile(index);
    return new Stamp(dir.toAbsolutePath().toString(), true,
        Math.max(Files.getLastModifiedTime(model).toMillis(),
            hasIndex ? Files.getLastModifiedTime(index).toMillis() : 0),
        Files.size(model) + (hasIndex ? Files.size(index) : 0));
  }

  /** Closes every model and deletes the local copies; later calls load them again. */
  public static void closeAll() {
    LIFECYCLE.writeLock().lock();
    try {
      for (Key key : List.copyOf(MODELS.keySet())) {
        SavedModel model = MODELS.remove(key);
        if (model != null) {
          model.close(); // waits for the calls in progress; later ones are refused
        }
      }
      for (Key key : List.copyOf(COPIES.keySet())) {
        Copy copy = COPIES.remove(key);
        if (copy != null && copy.temporary()) {
          deleteQuietly(copy.dir());
        }
      }
    } finally {
      LIFECYCLE.writeLock().unlock();
    }
  }

  /** How many models this JVM holds loaded from {@code uri}: one, however many tasks ran. */
  public static long loadedCount(String uri) {
    return MODELS.keySet().stream()
        .filter(key -> key.stamp().uri().equals(uri)
            || key.stamp().uri().equals(Path.of(uri).toAbsolutePath().toString()))
        .count();
  }

  private static Copy copy(Stamp stamp, Configuration conf) {
    return COPIES.computeIfAbsent(new Key(stamp, null), key -> stamp.local()
        ? new Copy(Path.of(stamp.uri()), false) : download(stamp.uri(), conf));
  }

  private static Copy download(String uri, Configuration conf) {
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
