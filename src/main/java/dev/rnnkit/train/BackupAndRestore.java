package dev.rnnkit.train;

import dev.rnnkit.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code BackupAndRestore}: a checkpoint file ({@link CheckpointFile}) written after every
 * epoch and when the fit is stopped after a batch, and, when asked, a fit that continues from it:
 * the weights, Adam's state and the fit's position are restored at the fit's start, so a resumed
 * run ends where an uninterrupted run of the same seed would.
 *
 * <p>{@code run} identifies the run (settings and data): resuming with a checkpoint whose run
 * differs in anything but {@code epochs} is refused. {@code vocabulary} is saved with it for text
 * models (null otherwise).
 */
public final class BackupAndRestore implements Callback {

  private final Model model;
  private final Path file;
  private final Map<String, Object> run;
  private final List<String> vocabulary;
  private final Checkpoint saved;

  private BackupAndRestore(Model model, Path file, Map<String, Object> run,
      List<String> vocabulary, Checkpoint saved) {
    this.model = model;
    this.file = file;
    this.run = run;
    this.vocabulary = vocabulary;
    this.saved = saved;
  }

  /**
   * Backs {@code model}'s fit up to {@code file}. With {@code resume}, an existing file is read
   * and checked now, against the model's tensors before any tensor is read, and against
   * {@code run}; the fit then starts from it. Without, or with no file, the fit starts over and
   * replaces the file.
   *
   * @throws IOException if the checkpoint is damaged or was saved from another model
   * @throws IllegalArgumentException if it belongs to another run
   */
  public static BackupAndRestore open(Model model, Path file, boolean resume,
      Map<String, Object> run, List<String> vocabulary) throws IOException {
    Checkpoint saved = null;
    if (resume && Files.exists(file)) {
      saved = CheckpointFile.read(file, CheckpointFile.Layout.of(
          model.weights(), model.optimizerState().slots()));
      checkSameRun(saved.settings(), run, file);
    }
    return new BackupAndRestore(model, file, run, vocabulary, saved);
  }

  /** The checkpoint the fit will continue, or null when it starts over. */
  public Checkpoint resumes() {
    return saved;
  }

  @Override
  public void onTrainBegin(FitContext fit) {
    if (saved != null) {
      model.setWeights(saved.weights());
      model.setOptimizerState(saved.optimizer());
      fit.resumeFrom(saved.fit());
    }
  }

  @Override
  public void onEpochEnd(FitContext fit, int epoch, Map<String, Double> logs) {
    write(fit.state());
  }

  /** A fit stopped after a batch is inside an epoch, a point no epoch's end has saved. */
  @Override
  public void onTrainEnd(FitContext fit, Map<String, Double> logs) {
    if (fit.state().step() > 0) {
      write(fit.state());
    }
  }

  private void write(FitState state) {
    try {
      CheckpointFile.write(file, new Checkpoint(state, model.weights(), model.optimizerState(),
          run, vocabulary));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write checkpoint " + file, e);
    }
  }

  /** Refuses a checkpoint whose run differs in anything but the number of epochs, naming all. */
  private static void checkSameRun(Map<String, Object> saved, Map<String, Object> now, Path file) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, Object> e : now.entrySet()) {
      if (e.getKey().equals("epochs")) {
        continue;
      }
      Object before = saved.get(e.getKey());
      if (!Objects.equals(String.valueOf(before), String.valueOf(e.getValue()))) {
        changes.add(e.getKey() + " was " + (before == null ? "not recorded" : before) + ", now "
            + e.getValue());
      }
    }
    if (!changes.isEmpty()) {
      throw new IllegalArgumentException("Checkpoint " + file + " belongs to another run ("
          + String.join("; ", changes) + "): resume with the same settings and data, use another"
          + " --out folder, or pass --force to start over");
    }
  }
}
