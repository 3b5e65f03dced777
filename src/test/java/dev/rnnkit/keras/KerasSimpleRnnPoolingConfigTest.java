package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.GlobalAveragePooling1D;
import dev.rnnkit.layers.GlobalMaxPooling1D;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentOptions;
import dev.rnnkit.layers.SimpleRNN;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SimpleRNN and the global poolings in Keras configs: mapped, or refused by option name. */
class KerasSimpleRnnPoolingConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * In Keras 3's form, as in fixtures 07 and 10: InputLayer, SimpleRNN (sequences, backwards,
   * relu, no bias), GlobalMaxPooling1D, GlobalAveragePooling1D (whose config the tests reuse).
   */
  private static ObjectNode model() {
    return json("""
        {'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 'sequential',
         'trainable': true, 'dtype': 'float32', 'layers': [
          {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape':
           [null, 5, 2], 'dtype': 'float32', 'sparse': false, 'ragged': false,
           'name': 'input_layer', 'optional': false}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'SimpleRNN', 'config': {'name': 'simple_rnn',
           'trainable': true, 'dtype': {'module': 'keras', 'class_name': 'DTypePolicy',
           'config': {'name': 'float32'}, 'registered_name': null}, 'return_sequences': true,
           'return_state': false, 'go_backwards': true, 'stateful': false, 'unroll': false,
           'zero_output_for_mask': false, 'units': 6, 'activation': 'relu', 'use_bias': false,
           'kernel_initializer': {'module': 'keras.initializers', 'class_name': 'GlorotUniform',
           'config': {'seed': null, 'input_axes': null, 'output_axes': null},
           'registered_name': null}, 'recurrent_initializer': {'module': 'keras.initializers',
           'class_name': 'Orthogonal', 'config': {'seed': null, 'gain': 1.0},
           'registered_name': null}, 'bias_initializer': {'module': 'keras.initializers',
           'class_name': 'Zeros', 'config': {}, 'registered_name': null},
           'kernel_regularizer': null, 'recurrent_regularizer': null, 'bias_regularizer': null,
           'activity_regularizer': null, 'kernel_constraint': null, 'recurrent_constraint': null,
           'bias_constraint': null, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': null},
           'registered_name': null, 'build_config': {'input_shape': [null, 5, 2]}},
          {'module': 'keras.layers', 'class_name': 'GlobalMaxPooling1D', 'config': {'name':
           'global_max_pooling1d', 'trainable': true, 'dtype': 'float32',
           'data_format': 'channels_last', 'keepdims': false}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'GlobalAveragePooling1D', 'config': {'name':
           'global_average_pooling1d', 'trainable': true, 'dtype': 'float32',
           'data_format': 'channels_last', 'keepdims': false}, 'registered_name': null}]}}
        """);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode layerConfig(ObjectNode model, int index) {
    return (ObjectNode) model.path("config").path("layers").get(index).path("config");
  }

  /** Removes the later layers, so that the others fit together. */
  private static ObjectNode keepLayers(ObjectNode model, int count) {
    ArrayNode layers = (ArrayNode) model.path("config").path("layers");
    while (layers.size() > count) {
      layers.remove(layers.size() - 1);
    }
    return model;
  }

  static List<Layer> layers(ObjectNode model) {
    return KerasConfigMapper.map(model, null, ImportOptions.defaults()).architecture().layers();
  }

  @Test
  void simpleRnnKeepsItsOptions() {
    Layer layer = layers(keepLayers(model(), 3)).get(0);
    SimpleRNN rnn = assertInstanceOf(SimpleRNN.class, layer);
    assertEquals(List.of("simple_rnn", 6, true), List.of(rnn.name(), rnn.units(),
        rnn.returnSequences()));
    assertEquals(RecurrentOptions.DEFAULTS.withGoBackwards(true).withUseBias(false)
        .withActivation(Activation.RELU), rnn.options());
  }

  @Test
  void globalPoolingsMapToTheirLayers() {
    ObjectNode model = model();
    ObjectNode average = layerConfig(model, 3);
    ((ObjectNode) model.path("config").path("layers").get(2)).set("config", average.deepCopy());
    ((ObjectNode) model.path("config").path("layers").get(2)).put("class_name",
        "GlobalAveragePooling1D");
    List<Layer> layers = layers(keepLayers(model, 3));
    assertEquals(new GlobalAveragePooling1D("global_average_pooling1d"), layers.get(1));
    assertEquals(new GlobalMaxPooling1D("global_max_pooling1d"),
        layers(keepLayers(model(), 3)).get(1));
  }

  /** tf.keras 2 wrote no keepdims before TF 2.6, and Keras's default is channels_last. */
  @Test
  void anOlderPoolingConfigWithoutTheKeysIsAccepted() {
    ObjectNode model = keepLayers(model(), 3);
    layerConfig(model, 2).remove(List.of("data_format", "keepdims", "dtype"));
    assertEquals(new GlobalMaxPooling1D("global_max_pooling1d"), layers(model).get(1));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource({
    "1, activation, softmax, activation 'softmax' is not supported in a recurrent cell",
    "1, recurrent_activation, sigmoid, option recurrent_activation=\"sigmoid\" is not one",
    "1, stateful, true, stateful layers are not supported",
    "2, data_format, channels_first, (channels_last) only",
    "2, keepdims, true, drops the time axis (keepdims=False) only",
  })
  void optionsRnnkitDoesNotComputeAreRefusedByName(int layer, String option, String value,
      String expected) {
    ObjectNode model = keepLayers(model(), 3);
    ObjectNode config = layerConfig(model, layer);
    if (value.equals("true")) {
      config.put(option, true);
    } else {
      config.put(option, value);
    }
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> layers(model));
    assertEquals(config.path("name").asText(), e.layerName());
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
