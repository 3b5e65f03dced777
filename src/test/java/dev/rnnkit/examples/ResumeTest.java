package dev.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void stoppedAndResumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
    List<Weight> expected;
    History full;
    try (Model model = newModel()) {
      full = model.fit(TRAIN, options().build());
      expected = model.weights();
    }
    var checkpointing = new ResumableFit.Checkpointing(dir.resolve("checkpoint.bin"), true, SETTINGS, null);
    AtomicInteger steps = new AtomicInteger();
    try (Model first = newModel()) {
      // Stop after step 27 overall: step 7 of the second epoch (20 steps per epoch).
      History partial = ResumableFit.fit(first, TRAIN,
          options().stopRequested(() -> steps.incrementAndGet() == 27), checkpointing, null);
      assertTrue(partial.stoppedEarly());
    }
    try (Model second = newModel()) {
      History resumed = ResumableFit.fit(second, TRAIN, options(), checkpointing, null);
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
    var checkpointing = new ResumableFit.Checkpointing(dir.resolve("checkpoint.bin"), true, SETTINGS, null);
    try (Model model = newModel()) {
      ResumableFit.fit(model, TRAIN, options().epochs(1), checkpointing, null);
    }
    var other = new ResumableFit.Checkpointing(dir.resolve("checkpoint.bin"), true,
        Map.of("seed", 5, "epochs", 3), null);
    try (Model model = newModel()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ResumableFit.fit(model, TRAIN, options(), other, null));
      assertTrue(e.getMessage().contains("seed was 4, now 5"), e.getMessage());
    }
  }

  @Test
  void aCheckpointOfAnotherModelIsRefusedBeforeItsTensorsAreRead(@TempDir Path dir) throws Exception {
    var checkpointing = new ResumableFit.Checkpointing(dir.resolve("checkpoint.bin"), true, SETTINGS, null);
    try (Model model = newModel()) {
      ResumableFit.fit(model, TRAIN, options().epochs(1), checkpointing, null);
    }
    try (Model wider = Model.compile(ArticleModels.build(ArticleModels.Cell.LSTM, true, 300, 12), 4)) {
      java.io.IOException e = assertThrows(java.io.IOException.class,
          () -> ResumableFit.fit(wider, TRAIN, options(), checkpointing, null));
      assertTrue(e.getMessage().contains("cannot be used: it was saved from another model: it holds"
          + " weight 'embedding/embeddings' [200, 64] where this model has weight"
          + " 'embedding/embeddings' [300, 64]"), e.getMessage());
    }
  }
}
