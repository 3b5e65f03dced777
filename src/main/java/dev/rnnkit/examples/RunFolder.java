package dev.rnnkit.examples;

import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.train.Checkpoint;
import dev.rnnkit.train.CheckpointFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The output folder of one training run ({@code train}, or one model of {@code examples}), checked
 * before any data is loaded, so that a refusal costs nothing. A run replaces only what RNNKit
 * wrote, recognised by its own marker ({@code rnnkit.json} that reads as a model, a checkpoint
 * whose checksum holds); anything else in its way is left alone unless {@code --force}. An
 * interrupted run's checkpoint is not thrown away without {@code --force} either.
 *
 * <p>A claim holds an exclusive lock on {@value #LOCK_FILE} in the folder until it is closed
 * (or the process ends, however it ends): a second run in the same folder would clear the first
 * one's temporary files and race it for the model, so it is refused instead.
 */
public final class RunFolder implements AutoCloseable {

  /** The file a run locks in its folder. */
  public static final String LOCK_FILE = ".rnnkit-run.lock";

  private final Path dir;
  private final RunOutput.Policy policy;
  private final FileChannel lockFile;
  private final FileLock lock;

  private RunFolder(Path dir, RunOutput.Policy policy, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.policy = policy;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Checks that a run with this policy may write into {@code dir}.
   *
   * @throws IllegalArgumentException naming what is in the way and the option that allows it
   */
  public static RunFolder claim(Path dir, RunOutput.Policy policy) throws IOException {
    RunFolder folder = lock(dir, policy);
    try {
      folder.check();
      return folder;
    } catch (IOException | RuntimeException e) {
      folder.close();
      throw e;
    }
  }

  private static RunFolder lock(Path dir, RunOutput.Policy policy) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM already
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException("Another RNNKit run is using " + dir + " (it holds "
          + dir.resolve(LOCK_FILE) + "): wait for it to finish, or choose another --out");
    }
    return new RunFolder(dir, policy, channel, lock);
  }

  private void check() throws IOException {
    // What killed runs left (and only that), first: an interrupted save may put a model back.
    ModelDirectory.removeLeftovers(modelDir());
    CheckpointFile.removeLeftovers(checkpoint());
    if (!policy.force()) {
      checkModel();
    }
    if (policy.resume() && Files.exists(checkpoint())) {
      CheckpointFile.read(checkpoint()); // a damaged one is refused before data is loaded
    } else if (!policy.force()) {
      checkCheckpoint();
    }
  }

  /** Lets another run use the folder. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockFile.close();
    }
  }

  public Path dir() {
    return dir;
  }

  public RunOutput.Policy policy() {
    return policy;
  }

  /** Where the run saves its model. */
  public Path modelDir() {
    return dir.resolve("model");
  }

  public Path checkpoint() {
    return dir.resolve(CheckpointFile.FILE_NAME);
  }

  private void checkModel() throws IOException {
    Path model = modelDir();
    if (!Files.exists(model, LinkOption.NOFOLLOW_LINKS) || isEmptyFolder(model)) {
      return;
    }
    if (!isRnnkitModel(model)) {
      throw notRnnkits(model + " holds " + kindOf(model) + " that RNNKit did not write (no valid "
          + ModelDirectory.CONFIG_FILE + ")");
    }
    if (!policy.resume()) {
      throw new IllegalArgumentException("A model is already in " + model
          + ": pass --force to replace it, --resume to continue its run, or another --out");
    }
  }

  /** How RNNKit recognises a file of its own, by its content. */
  @FunctionalInterface
  public interface Recogniser {
    boolean wroteIt(Path file) throws IOException;
  }

  /**
   * Checks, for a run's other outputs (say, a summary), that an existing {@code file} is RNNKit's
   * before it is replaced; {@code force} allows any.
   */
  public static void checkOwnFile(Path file, Recogniser rnnkit, boolean force) throws IOException {
    if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        && !(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && rnnkit.wroteIt(file))) {
      throw notRnnkits(file + " is " + kindOf(file) + " that RNNKit did not write");
    }
  }

  private static IllegalArgumentException notRnnkits(String what) {
    return new IllegalArgumentException(what + ": a run replaces only RNNKit's own files. Move it"
        + " away, choose another --out, or pass --force to replace it");
  }

  private void checkCheckpoint() {
    Path file = checkpoint();
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Checkpoint saved;
    try {
      saved = CheckpointFile.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage() + " A new run would replace it: pass"
          + " --force to let it, or choose another --out", e);
    }
    throw new IllegalArgumentException(dir + " holds an interrupted run (" + progress(saved)
        + "): pass --resume to go on or --force to start over");
  }

  /** "epoch 3 of 10", or that all epochs are done but the model was not saved. */
  private static String progress(Checkpoint saved) {
    int epoch = saved.fit().epoch();
    if (!(saved.settings().get("epochs") instanceof Number total)) {
      return "epoch " + epoch;
    }
    return epoch > total.intValue() ? "all " + total + " epochs done, the model not yet saved"
        : "epoch " + epoch + " of " + total;
  }

  /** RNNKit's marker is there and reads as a model description, beside a SavedModel. */
  private static boolean isRnnkitModel(Path dir) {
    try {
      ModelDirectory.readConfig(dir).architecture();
      return Files.isRegularFile(dir.resolve("saved_model.pb"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isEmptyFolder(Path path) throws IOException {
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  private static String kindOf(Path path) {
    if (Files.isSymbolicLink(path)) {
      return "a link";
    }
    if (Files.isRegularFile(path)) {
      return "a file";
    }
    return Files.isRegularFile(path.resolve("saved_model.pb")) ? "a SavedModel" : "a folder";
  }
}
