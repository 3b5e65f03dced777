package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.AveragePooling1D;
import dev.rnnkit.layers.Conv1D;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Flatten;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.MaxPooling1D;
import dev.rnnkit.layers.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conv1D, MaxPooling1D, AveragePooling1D and Flatten in Keras 3 configs (Conv1D's and
 * MaxPooling1D's exactly as Keras 3.15.1 wrote them in fixture 12): mapped with every option, or
 * refused by option name.
 */
class KerasConvPoolingConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode model() {
    return json("""
        {'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 'sequential',
         'trainable': true, 'dtype': 'float32', 'layers': [
          {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape':
           [null, 12, 3], 'dtype': 'float32', 'sparse': false, 'ragged': false,
           'name': 'input_layer', 'optional': false}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'Conv1D', 'config': {'name': 'conv1d',
           'trainable': true, 'dtype': {'module': 'keras', 'class_name': 'DTypePolicy',
           'config': {'name': 'float32'}, 'registered_name': null}, 'filters': 4,
           'kernel_size': [3], 'strides': [1], 'padding': 'causal',
           'data_format': 'channels_last', 'dilation_rate': [2], 'groups': 1,
           'activation': 'relu', 'use_bias': false, 'kernel_initializer': {'module':
           'keras.initializers', 'class_name': 'GlorotUniform', 'config': {'seed': null,
           'input_axes': null, 'output_axes': null}, 'registered_name': null},
           'bias_initializer': {'module': 'keras.initializers', 'class_name': 'Zeros',
           'config': {}, 'registered_name': null}, 'kernel_regularizer': null,
           'bias_regularizer': null, 'activity_regularizer': null, 'kernel_constraint': null,
           'bias_constraint': null}, 'registered_name': null,
           'build_config': {'input_shape': [null, 12, 3]}},
          {'module': 'keras.layers', 'class_name': 'MaxPooling1D', 'config': {'name':
           'max_pooling1d', 'trainable': true, 'dtype': {'module': 'keras', 'class_name':
           'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': null},
           'pool_size': [2], 'padding': 'valid', 'strides': [2],
           'data_format': 'channels_last'}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'AveragePooling1D', 'config': {'name':
           'average_pooling1d', 'trainable': true, 'dtype': 'float32', 'pool_size': [3],
           'padding': 'same', 'strides': [1], 'data_format': 'channels_last'},
           'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'Flatten', 'config': {'name': 'flatten',
           'trainable': true, 'dtype': 'float32', 'data_format': 'channels_last'},
           'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense',
           'trainable': true, 'dtype': 'float32', 'units': 1, 'activation': 'sigmoid',
           'use_bias': true}, 'registered_name': null}]}}
        """);
  }

  /** A JSON value written with single quotes. */
  private static JsonNode tree(String text) {
    return json("{'value': " + text + "}").get("value");
  }

  private static ObjectNode json(String text) {
    return KerasSimpleRnnPoolingConfigTest.json(text);
  }

  private static ObjectNode layerConfig(ObjectNode model, int index) {
    return KerasSimpleRnnPoolingConfigTest.layerConfig(model, index);
  }

  private static List<Layer> layers(ObjectNode model) {
    return KerasSimpleRnnPoolingConfigTest.layers(model);
  }

  @Test
  void everyOptionIsRead() {
    assertEquals(List.of(
        new Conv1D("conv1d", 4, 3, 1, Padding.CAUSAL, 2, Activation.RELU, false),
        new MaxPooling1D("max_pooling1d", 2, 2, Padding.VALID),
        new AveragePooling1D("average_pooling1d", 3, 1, Padding.SAME),
        new Flatten("flatten"), new Dense("dense", 1, Activation.SIGMOID)), layers(model()));
  }

  /** Bare integers (as a hand-written config may have them) and Keras's strides=None. */
  @Test
  void integersAndAbsentStridesAreRead() {
    ObjectNode model = model();
    layerConfig(model, 1).put("kernel_size", 5).put("padding", "SAME").remove(
        List.of("strides", "dilation_rate", "groups", "data_format"));
    layerConfig(model, 2).put("pool_size", 3).putNull("strides");
    List<Layer> layers = layers(model);
    assertEquals(new Conv1D("conv1d", 4, 5, 1, Padding.SAME, 1, Activation.RELU, false),
        layers.get(0));
    assertEquals(new MaxPooling1D("max_pooling1d", 3, 3, Padding.VALID), layers.get(1));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
    "1; groups; 2; a grouped convolution",
    "1; data_format; 'channels_first'; (channels_last) only",
    "1; padding; 'full'; padding 'full' is not supported",
    "1; kernel_size; [3, 3]; takes one integer (a 1D window)",
    "1; kernel_regularizer; {'class_name': 'L2'}; regularizers are not supported",
    "1; strides; [2]; strides > 1 is not supported in conjunction with dilation_rate > 1",
    "1; filters; 0; needs a positive number of filters",
    "2; padding; 'causal'; padding 'causal' is not supported",
    "2; data_format; 'channels_first'; (channels_last) only",
    "3; pool_size; [0]; needs a positive pool_size",
    "4; data_format; 'channels_first'; (channels_last) only",
  })
  void optionsRnnkitDoesNotComputeAreRefusedByName(int layer, String option, String value,
      String expected) {
    ObjectNode model = model();
    ObjectNode config = layerConfig(model, layer);
    config.set(option, tree(value));
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> layers(model));
    assertEquals(config.path("name").asText(), e.layerName());
    assertEquals(strippedOption(option, value), e.option());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** Keras's own refusal of strides with dilation names dilation_rate, the option to drop. */
  private static String strippedOption(String option, String value) {
    return option.equals("strides") ? "dilation_rate" : option;
  }

  /** An open length reaching Flatten is refused with the fix, as no Keras layer after it fits. */
  @Test
  void flattenAfterAnOpenLengthIsRefused() {
    ObjectNode model = model();
    ((com.fasterxml.jackson.databind.node.ArrayNode) layerConfig(model, 0).path("batch_shape"))
        .set(1, JSON.nullNode());
    KerasImportException e = assertThrows(KerasImportException.class, () -> layers(model));
    assertTrue(e.getMessage().contains("Flatten 'flatten' needs a known number of time steps"),
        e.getMessage());
  }
}
