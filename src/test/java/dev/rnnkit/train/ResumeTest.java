package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped mid-epoch and resumed from its checkpoint ends exactly like one that was not. */
class ResumeTest {

  private static final SequenceData TRAIN = SyntheticTask.tokens(640, 12, 200, 5);
  private static final Map<String, Object> SETTINGS = Map.of("seed", 4, "epochs", 3);

  private static Model newModel() {
    return Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 200, 12), 4);
  }

  private static FitOptions.Builder options() {
    return FitOptions.builder().epochs(3).batchSize(32).shuffleSeed(4).progressOut(null);
  }

  /** A fit backed up to {@code checkpointing}, resumed from it when it exists, stoppable. */
  private static History fit(Model model, FitOptions.Builder options, Checkpointing checkpointing,
      BooleanSupplier stop) throws IOException {
    BackupAndRestore backup = BackupAndRestore.open(model, checkpointing.file(), true,
        checkpointing.run(), null);
    return Trainer.fit(model, TRAIN, options.callbacks(backup, new StopOnRequest(stop)).build());
  }

  private record Checkpointing(Path file, Map<String, Object> run) {}

  @Test
  void stoppedAndResumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
    List<Weight> expected;
    History full;
    try (Model model = newModel()) {
      full = Trainer.fit(model, TRAIN, options().build());
      expected = model.weights();
    }
    var checkpointing = new Checkpointing(dir.resolve("checkpoint.bin"), SETTINGS);
    AtomicInteger polls = new AtomicInteger();
    try (Model first = newModel()) {
      // The stop is asked after every step and at every epoch's end (20 steps per epoch): the
      // 28th time is after step 7 of the second epoch.
      History partial = fit(first, options(), checkpointing, () -> polls.incrementAndGet() == 28);
      assertTrue(partial.stoppedEarly());
    }
    try (Model second = newModel()) {
      History resumed = fit(second, options(), checkpointing, () -> false);
      assertEquals(full.get("loss"), resumed.get("loss"), "same per-epoch losses");
      List<Weight> got = second.weights();
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i).values(), got.get(i).values(), 0f, expected.get(i).name());
      }
      assertEquals(60, second.iterations());
    }
  }

  @Test
  void resumingAnotherRunIsRefused(@TempDir Path dir) throws Exception {
    var checkpointing = new Checkpointing(dir.resolve("checkpoint.bin"), SETTINGS);
    try (Model model = newModel()) {
      fit(model, options().epochs(1), checkpointing, () -> false);
    }
    var other = new Checkpointing(dir.resolve("checkpoint.bin"), Map.of("seed", 5, "epochs", 3));
    try (Model model = newModel()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> fit(model, options(), other, () -> false));
      assertTrue(e.getMessage().contains("seed was 4, now 5"), e.getMessage());
    }
  }

  @Test
  void aCheckpointOfAnotherModelIsRefusedBeforeItsTensorsAreRead(@TempDir Path dir) throws Exception {
    var checkpointing = new Checkpointing(dir.resolve("checkpoint.bin"), SETTINGS);
    try (Model model = newModel()) {
      fit(model, options().epochs(1), checkpointing, () -> false);
    }
    try (Model wider = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 300, 12), 4)) {
      IOException e = assertThrows(IOException.class,
          () -> fit(wider, options(), checkpointing, () -> false));
      assertTrue(e.getMessage().contains("cannot be used: it was saved from another model: it holds"
          + " weight 'embedding/embeddings' [200, 64] where this model has weight"
          + " 'embedding/embeddings' [300, 64]"), e.getMessage());
    }
  }
}
