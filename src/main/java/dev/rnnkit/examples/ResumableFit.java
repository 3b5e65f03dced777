package dev.rnnkit.examples;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.Model;
import dev.rnnkit.train.Checkpoint;
import dev.rnnkit.train.CheckpointFile;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fit that saves a checkpoint after every epoch (and when stopped), and can continue from one:
 * the weights, Adam's state and the fit's position are restored, so a resumed run ends where an
 * uninterrupted run of the same seed would.
 */
public final class ResumableFit {

  /**
   * Where checkpoints go and whether to continue from one. {@code settings} identify the run:
   * resuming with different settings (other than the number of epochs) is refused.
   */
  public record Checkpointing(Path file, boolean resume, Map<String, Object> settings,
      List<String> vocabulary) {}

  private ResumableFit() {}

  public static History fit(Model model, SequenceData train, FitOptions.Builder options,
      Checkpointing checkpointing, PrintStream log) throws IOException {
    if (checkpointing == null) {
      return model.fit(train, options.build());
    }
    if (checkpointing.resume() && Files.exists(checkpointing.file())) {
      Checkpoint saved = CheckpointFile.read(checkpointing.file(), CheckpointFile.Layout.of(
          model.weights(), model.optimizerState().slots()));
      checkSameRun(saved.settings(), checkpointing.settings(), checkpointing.file());
      model.setWeights(saved.weights());
      model.setOptimizerState(saved.optimizer());
      options.resumeFrom(saved.fit());
      if (log != null) {
        log.printf("Resuming from %s: epoch %d, step %d (%d optimizer steps done)%n",
            checkpointing.file(), saved.fit().epoch(), saved.fit().step(), saved.optimizer().iterations());
      }
    }
    options.onCheckpoint(state -> {
      try {
        CheckpointFile.write(checkpointing.file(), new Checkpoint(state, model.weights(),
            model.optimizerState(), checkpointing.settings(), checkpointing.vocabulary()));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write checkpoint " + checkpointing.file(), e);
      }
    });
    return model.fit(train, options.build());
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
