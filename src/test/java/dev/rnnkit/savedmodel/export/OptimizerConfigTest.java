package dev.rnnkit.savedmodel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.AdamW;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.OptimizerOptions;
import dev.rnnkit.optimizers.RMSprop;
import dev.rnnkit.optimizers.SGD;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnnkit.json's optimizer: Keras's class name and config, and Adam files of earlier releases. */
class OptimizerConfigTest {

  private static final Sequential ARCH = Sequential.of(InputSpec.tokens(4),
      new Embedding(200, 3), new GRU(2, false), new Dense(1, Activation.SIGMOID));

  @Test
  void everyOptimizerSurvivesASaveAndLoad(@TempDir Path dir) throws Exception {
    Optimizer[] optimizers = {
        RMSprop.keras().withLearningRate(0.005f).withCentered(true).withMomentum(0.2f),
        SGD.keras().withMomentum(0.9f).withNesterov(true)
            .withOptions(OptimizerOptions.NONE.withClipvalue(0.5f)),
        AdamW.keras().withAmsgrad(true),
        Adam.keras().withOptions(OptimizerOptions.NONE.withGlobalClipnorm(2f))};
    for (int i = 0; i < optimizers.length; i++) {
      Path folder = dir.resolve("m" + i);
      try (Model model = Model.compile(ARCH, optimizers[i], Loss.binaryCrossentropy(), 1)) {
        ModelDirectory.save(model, folder, null, 0, false);
      }
      ModelConfig config = ModelDirectory.readConfig(folder);
      assertEquals(optimizers[i].kerasClassName(), config.optimizer().get("class_name"));
      try (ModelDirectory.Loaded loaded = ModelDirectory.load(folder)) {
        assertEquals(optimizers[i], loaded.model().optimizer());
      }
    }
  }

  @Test
  void anAdamConfigOfEarlierReleasesStillReads() {
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("name", "adam");
    before.put("learning_rate", 0.002);
    before.put("beta_1", 0.9);
    before.put("beta_2", 0.999);
    before.put("epsilon", 1.0E-7);
    assertEquals(Adam.keras().withLearningRate(0.002f), ModelDirectory.readOptimizer(before));
  }

  @Test
  void unknownOptimizersAndSettingsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelDirectory.readOptimizer(Map.of("class_name", "Adagrad", "config", Map.of())));
    assertTrue(e.getMessage().contains("'Adagrad' is not supported")
        && e.getMessage().contains("Adam, AdamW, RMSprop, SGD"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.fromKeras("SGD",
        Map.of("clipnorm", 1.0, "clipvalue", 0.5)));
    assertTrue(e.getMessage().startsWith("Only one of `clipnorm`, `clipvalue` and"
        + " `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=0.5,"
        + " global_clipnorm=None"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.fromKeras("RMSprop",
        Map.of("beta_1", 0.9)));
    assertTrue(e.getMessage().contains("unknown setting 'beta_1'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.fromKeras("Adam",
        Map.of("use_ema", true)));
    assertTrue(e.getMessage().contains("use_ema=True is not supported"), e.getMessage());
  }

  @Test
  void kerasDefaultsFillMissingKeys() {
    assertEquals(SGD.keras(), Optimizer.fromKeras("SGD", Map.of()));
    assertEquals(0.01f, Optimizer.named("sgd", null).learningRate());
    assertEquals(0.004f, ((AdamW) Optimizer.fromKeras("AdamW", Map.of())).weightDecay());
    assertEquals(RMSprop.keras().withLearningRate(0.1f), Optimizer.named("rmsprop", 0.1f));
    // tf.keras 2.11+ writes Custom>Adam, and legacy optimizers a decay Keras 3 ignores.
    assertEquals(Adam.keras(), Optimizer.fromKeras("Custom>Adam",
        Map.of("decay", 0.0, "jit_compile", true, "is_legacy_optimizer", false)));
  }
}
