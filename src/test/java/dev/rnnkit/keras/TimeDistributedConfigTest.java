package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TimeDistributed's config as Keras 3 and tf.keras 2 write it (written here by
 * {@link KerasConfigWriter}, in Keras 3's form as fixture 09's config.json has it), mapped back;
 * a wrapped layer other than Dense, and what RNNKit's Dense does not compute, are refused by name.
 */
class TimeDistributedConfigTest {

  private static Sequential model(TimeDistributed layer) {
    return Sequential.of(InputSpec.features(5, 3), new LSTM(4, true), layer);
  }

  private static ObjectNode config(KerasConfigWriter.Style style, TimeDistributed layer) {
    return new KerasConfigWriter(style).model(model(layer), "sequential");
  }

  /** The TimeDistributed layer's config object in a model config. */
  private static ObjectNode timeDistributedConfig(ObjectNode model) {
    return (ObjectNode) model.path("config").path("layers").get(2).path("config");
  }

  @ParameterizedTest
  @EnumSource(KerasConfigWriter.Style.class)
  void writtenConfigsMapBack(KerasConfigWriter.Style style) {
    TimeDistributed layer = new TimeDistributed(new Dense(2, Activation.TANH));
    Sequential mapped = KerasConfigMapper.map(config(style, layer), null, ImportOptions.defaults())
        .architecture();
    TimeDistributed back = (TimeDistributed) mapped.layers().get(1);
    assertEquals(layer.withName("time_distributed").kerasConfig(), back.kerasConfig());
    assertEquals(List.of("lstm/kernel", "lstm/recurrent_kernel", "lstm/bias",
        "time_distributed/dense/kernel", "time_distributed/dense/bias"),
        mapped.weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList());
  }

  @Test
  void keras3WritesTheDenseAsAWholeLayerObjectBuiltOnOneStep() {
    ObjectNode config = timeDistributedConfig(config(KerasConfigWriter.Style.KERAS_V3,
        new TimeDistributed(new Dense("out", 2, Activation.TANH))));
    assertEquals("keras.layers", config.path("layer").path("module").asText());
    assertEquals("Dense", config.path("layer").path("class_name").asText());
    assertEquals("out", config.path("layer").path("config").path("name").asText());
    assertEquals("tanh", config.path("layer").path("config").path("activation").asText());
    assertEquals("[null,4]",
        config.path("layer").path("build_config").path("input_shape").toString());
  }

  private static void assertRefused(String option, String text, Consumer<ObjectNode> change) {
    ObjectNode model = config(KerasConfigWriter.Style.KERAS_V3,
        new TimeDistributed(new Dense(2, Activation.TANH)));
    change.accept(timeDistributedConfig(model));
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> KerasConfigMapper.map(model, null, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains(text), e.getMessage());
    assertEquals(option, e.option());
  }

  @Test
  void aWrappedLayerOtherThanDenseIsRefusedByName() {
    for (String cls : List.of("LSTM", "Conv1D", "Embedding")) {
      assertRefused("layer", "wraps a " + cls + "; RNNKit's TimeDistributed wraps Dense only",
          c -> ((ObjectNode) c.path("layer")).put("class_name", cls));
    }
  }

  @Test
  void whatTheWrappedDenseDoesNotComputeIsRefused() {
    assertRefused("use_bias", "use_bias=false", c ->
        ((ObjectNode) c.path("layer").path("config")).put("use_bias", false));
    assertRefused("kernel_regularizer", "regularizers are not supported", c ->
        ((ObjectNode) c.path("layer").path("config")).put("kernel_regularizer", "l2"));
  }

  @Test
  void aFrozenWrapperIsRefused() {
    assertRefused("trainable", "trainable=false", c -> c.put("trainable", false));
  }

  @Test
  void aLayerWithoutItsDenseIsDamaged() {
    ObjectNode model = config(KerasConfigWriter.Style.LEGACY,
        new TimeDistributed(new Dense(2, Activation.TANH)));
    timeDistributedConfig(model).remove("layer");
    KerasImportException e = assertThrows(KerasImportException.class,
        () -> KerasConfigMapper.map(model, null, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains("has no class_name and config in its 'layer'"),
        e.getMessage());
  }
}
