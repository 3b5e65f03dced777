package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Bidirectional's config as Keras 3 and tf.keras 2 write it (written here by
 * {@link KerasConfigWriter}, in Keras 3's form as fixture 03's config.json has it), mapped back;
 * what RNNKit does not compute is refused by name.
 */
class BidirectionalConfigTest {

  private static Sequential model(Bidirectional bidirectional) {
    return Sequential.of(InputSpec.tokens(7), new Embedding(null, 20, 4, true), bidirectional,
        new Dense(2, Activation.SOFTMAX));
  }

  private static ObjectNode config(KerasConfigWriter.Style style, Bidirectional bidirectional) {
    return new KerasConfigWriter(style).model(model(bidirectional), "sequential");
  }

  /** The Bidirectional layer's config object in a model config. */
  private static ObjectNode bidirectionalConfig(ObjectNode model) {
    return (ObjectNode) model.path("config").path("layers").get(2).path("config");
  }

  @ParameterizedTest
  @EnumSource(KerasConfigWriter.Style.class)
  void writtenConfigsMapBack(KerasConfigWriter.Style style) {
    for (Bidirectional layer : List.of(new Bidirectional(new GRU(4, false)),
        new Bidirectional(new LSTM(null, 3, true, true,
            RecurrentOptions.DEFAULTS.withActivation(Activation.RELU)), Bidirectional.MergeMode.MUL))) {
      Sequential mapped = KerasConfigMapper.map(config(style, layer), null, ImportOptions.defaults())
          .architecture();
      Bidirectional back = (Bidirectional) mapped.layers().get(1);
      assertEquals(layer.withName("bidirectional").kerasConfig(), back.kerasConfig(), style.name());
      assertEquals(model(layer).weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList(),
          mapped.weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList());
    }
  }

  @Test
  void keras3WritesTheNestedLayersAsWholeLayerObjects() {
    ObjectNode config = bidirectionalConfig(config(KerasConfigWriter.Style.KERAS_V3,
        new Bidirectional(new GRU(4, false), Bidirectional.MergeMode.SUM)));
    assertEquals("sum", config.path("merge_mode").asText());
    assertEquals("keras.layers", config.path("layer").path("module").asText());
    assertEquals("GRU", config.path("layer").path("class_name").asText());
    assertEquals("forward_gru", config.path("layer").path("config").path("name").asText());
    assertEquals("backward_gru", config.path("backward_layer").path("config").path("name").asText());
    assertTrue(config.path("backward_layer").path("config").path("go_backwards").asBoolean());
    assertEquals("[null,7,4]",
        config.path("layer").path("build_config").path("input_shape").toString());
  }

  private static void assertRefused(String option, String text, Consumer<ObjectNode> change) {
    ObjectNode model = config(KerasConfigWriter.Style.KERAS_V3,
        new Bidirectional(new LSTM(3, true)));
    change.accept(bidirectionalConfig(model));
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> KerasConfigMapper.map(model, null, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains(text), e.getMessage());
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }

  @Test
  void mergeModeNoneIsRefused() {
    assertRefused("merge_mode", "does not return them as a list", c -> c.putNull("merge_mode"));
  }

  @Test
  void aBackwardLayerThatIsNotTheMirrorIsRefused() {
    assertRefused("backward_layer", "is not the forward layer", c ->
        ((ObjectNode) c.path("backward_layer").path("config")).put("units", 5));
    assertRefused("backward_layer", "is not the forward layer", c ->
        ((ObjectNode) c.path("backward_layer").path("config")).put("activation", "relu"));
    assertRefused("backward_layer", "is not the forward layer", c ->
        ((ObjectNode) c.path("backward_layer").path("config")).put("go_backwards", false));
  }

  @Test
  void returnStateIsRefused() {
    assertRefused("return_state", "returning the states", c ->
        ((ObjectNode) c.path("layer").path("config")).put("return_state", true));
  }

  @Test
  void aWrappedLayerOtherThanAnRnnIsRefused() {
    assertRefused("layer", "RNNKit's Bidirectional wraps LSTM, GRU and SimpleRNN", c ->
        ((ObjectNode) c.path("layer")).put("class_name", "Conv1D"));
  }

  @Test
  void aLayerWithoutBackwardLayerIsItsOwnMirror() {
    ObjectNode model = config(KerasConfigWriter.Style.LEGACY, new Bidirectional(new GRU(4, true)));
    bidirectionalConfig(model).remove("backward_layer");
    Bidirectional mapped = (Bidirectional) KerasConfigMapper.map(model, null,
        ImportOptions.defaults()).architecture().layers().get(1);
    assertEquals("backward_gru", mapped.backwardName());
  }
}
