package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.AdamW;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.OptimizerOptions;
import dev.rnnkit.optimizers.RMSprop;
import dev.rnnkit.optimizers.SGD;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every optimizer, a fit stopped mid-epoch and resumed from its checkpoint (weights, slots
 * and step count) ends bit for bit like the uninterrupted fit.
 */
class OptimizerResumeTest {

  private static final SequenceData TRAIN = SyntheticTask.tokens(192, 8, 100, 5);

  static Stream<Optimizer> optimizers() {
    return Stream.of(
        Adam.keras().withAmsgrad(true).withOptions(OptimizerOptions.NONE.withClipnorm(0.5f)),
        AdamW.keras(),
        RMSprop.keras().withCentered(true).withMomentum(0.9f),
        SGD.keras().withMomentum(0.9f).withNesterov(true)
            .withOptions(OptimizerOptions.NONE.withGlobalClipnorm(1f)),
        SGD.keras());
  }

  private static Model newModel(Optimizer optimizer) {
    return Model.compile(ArticleModels.build(ArticleModels.Cell.GRU, false, 100, 8), optimizer,
        Loss.binaryCrossentropy(), 4);
  }

  private static FitOptions.Builder options() {
    return FitOptions.builder().epochs(2).batchSize(32).shuffleSeed(4).progressOut(null);
  }

  private static History fit(Model model, Path file, java.util.function.BooleanSupplier stop)
      throws Exception {
    BackupAndRestore backup = BackupAndRestore.open(model, file, true, Map.of("seed", 4), null);
    return Trainer.fit(model, TRAIN, options().callbacks(backup, new StopOnRequest(stop)).build());
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void stoppedAndResumedRunEqualsUninterruptedRun(Optimizer optimizer, @TempDir Path dir)
      throws Exception {
    List<Weight> expected;
    List<Weight> expectedSlots;
    try (Model model = newModel(optimizer)) {
      Trainer.fit(model, TRAIN, options().build());
      expected = model.weights();
      expectedSlots = model.optimizerState().slots();
    }
    Path file = dir.resolve("checkpoint.bin");
    AtomicInteger polls = new AtomicInteger();
    try (Model first = newModel(optimizer)) {
      // 6 steps per epoch, polled after each and at the epoch's end: stop after step 2 of epoch 2.
      assertTrue(fit(first, file, () -> polls.incrementAndGet() == 9).stoppedEarly());
    }
    try (Model second = newModel(optimizer)) {
      fit(second, file, () -> false);
      assertEquals(12, second.iterations());
      assertSame(expected, second.weights());
      assertSame(expectedSlots, second.optimizerState().slots());
    }
  }

  @Test
  void aCheckpointOfAnotherOptimizerIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("checkpoint.bin");
    try (Model model = newModel(RMSprop.keras())) {
      fit(model, file, () -> false);
    }
    try (Model model = newModel(Adam.keras())) {
      Exception e = assertThrows(Exception.class, () -> fit(model, file, () -> false));
      assertTrue(e.getMessage().contains("rmsprop/"), e.getMessage());
    }
  }

  private static void assertSame(List<Weight> expected, List<Weight> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).name(), actual.get(i).name());
      assertArrayEquals(expected.get(i).values(), actual.get(i).values(), 0f, expected.get(i).name());
    }
  }
}
