package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Dropout;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keras configs in the forms Keras 3 and tf.keras 2 write them, mapped or refused. */
class KerasConfigMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Single quotes stand for double quotes, to keep the configs readable here. */
  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A Keras 3 Sequential like the one config.json holds: Embedding, LSTM, Dense, Dense. */
  private static ObjectNode keras3Model() {
    return json("""
        {'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 'sequential_2',
         'trainable': true, 'dtype': 'float32', 'layers': [
          {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape': [null, 50],
           'dtype': 'int32', 'sparse': false, 'name': 'input_layer_2'}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'Embedding', 'config': {'name': 'embedding_2',
           'trainable': true, 'dtype': {'module': 'keras', 'class_name': 'DTypePolicy',
           'config': {'name': 'float32'}, 'registered_name': null}, 'input_dim': 1000,
           'output_dim': 16, 'embeddings_initializer': {'module': 'keras.initializers',
           'class_name': 'RandomUniform', 'config': {'minval': -0.05, 'maxval': 0.05, 'seed': null},
           'registered_name': null}, 'embeddings_regularizer': null, 'activity_regularizer': null,
           'embeddings_constraint': null, 'mask_zero': false}, 'registered_name': null,
           'build_config': {'input_shape': [null, 50]}},
          {'module': 'keras.layers', 'class_name': 'LSTM', 'config': {'name': 'lstm_2',
           'trainable': true, 'dtype': 'float32', 'return_sequences': true, 'return_state': false,
           'go_backwards': false, 'stateful': false, 'unroll': false, 'zero_output_for_mask': false,
           'units': 8, 'activation': 'tanh', 'recurrent_activation': 'sigmoid', 'use_bias': true,
           'kernel_initializer': {'module': 'keras.initializers', 'class_name': 'GlorotUniform',
           'config': {'seed': null}, 'registered_name': null}, 'unit_forget_bias': true,
           'kernel_regularizer': null, 'recurrent_regularizer': null, 'bias_regularizer': null,
           'activity_regularizer': null, 'kernel_constraint': null, 'recurrent_constraint': null,
           'bias_constraint': null, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': null},
           'registered_name': null, 'build_config': {'input_shape': [null, 50, 16]}},
          {'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense_4',
           'trainable': true, 'dtype': 'float32', 'units': 4, 'activation': 'relu', 'use_bias': true,
           'kernel_regularizer': null, 'bias_regularizer': null, 'kernel_constraint': null,
           'bias_constraint': null, 'quantization_config': null}, 'registered_name': null},
          {'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense_5',
           'trainable': true, 'dtype': 'float32', 'units': 1, 'activation': 'sigmoid',
           'use_bias': true}, 'registered_name': null}]},
         'registered_name': null, 'build_config': {'input_shape': [null, 50]}}
        """);
  }

  /** A tf.keras 2 Sequential without an InputLayer: the first layer holds the input shape. */
  private static ObjectNode legacyModel() {
    return json("""
        {'class_name': 'Sequential', 'config': {'name': 'sequential', 'layers': [
          {'class_name': 'GRU', 'config': {'name': 'gru', 'trainable': true,
           'batch_input_shape': [null, 12, 3], 'dtype': 'float32', 'return_sequences': false,
           'return_state': false, 'go_backwards': false, 'stateful': false, 'unroll': false,
           'time_major': false, 'units': 6, 'activation': 'tanh', 'recurrent_activation': 'sigmoid',
           'use_bias': true, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'implementation': 2,
           'reset_after': false}},
          {'class_name': 'Dropout', 'config': {'name': 'dropout', 'trainable': true,
           'dtype': 'float32', 'rate': 0.3, 'noise_shape': null, 'seed': null}},
          {'class_name': 'Dense', 'config': {'name': 'dense', 'trainable': true, 'dtype': 'float32',
           'units': 2, 'activation': 'softmax', 'use_bias': true}}]}}
        """);
  }

  private static KerasModelPlan map(JsonNode model) {
    return KerasConfigMapper.map(model, model.path("build_config").get("input_shape"),
        ImportOptions.defaults());
  }

  @Test
  void keras3ConfigMapsToTheSameLayers() {
    KerasModelPlan plan = map(keras3Model());
    assertEquals("sequential_2", plan.modelName());
    assertEquals(new InputSpec("input_layer_2", 50, 0), plan.architecture().input());
    List<Layer> layers = plan.architecture().layers();
    assertEquals(new Embedding("embedding_2", 1000, 16), layers.get(0));
    LSTM lstm = (LSTM) layers.get(1);
    assertEquals(List.of("lstm_2", 8, true), List.of(lstm.name(), lstm.units(), lstm.returnSequences()));
    assertEquals(new Dense("dense_4", 4, Activation.RELU), layers.get(2));
    assertEquals(new Dense("dense_5", 1, Activation.SIGMOID), layers.get(3));
    assertEquals(List.of(), plan.notes());
    assertTrue(plan.layers().get(1).weightsInCell());
  }

  @Test
  void legacyConfigWithoutInputLayerTakesTheFirstLayersInputShape() {
    KerasModelPlan plan = map(legacyModel());
    assertEquals(new InputSpec(null, 12, 3), plan.architecture().input());
    GRU gru = (GRU) plan.architecture().layers().get(0);
    assertEquals(false, gru.resetAfter());
    assertEquals(3, plan.architecture().layers().size(), "Dropout is a layer");
    assertEquals(List.of("GRU", "Dropout", "Dense"),
        plan.layers().stream().map(KerasModelPlan.KerasLayer::className).toList());
    assertEquals(1, plan.layers().get(1).architectureIndex());
    assertEquals(new Dropout("dropout", 0.3f, null, null), plan.architecture().layers().get(1));
    assertTrue(plan.notes().isEmpty(), plan.notes().toString());
  }

  @Test
  void recurrentDropoutAndSeedAreImported() {
    ObjectNode model = legacyModel();
    layerConfig(model, 0).put("dropout", 0.5);
    layerConfig(model, 0).put("recurrent_dropout", 0.25);
    layerConfig(model, 0).put("seed", 7);
    GRU gru = (GRU) map(model).architecture().layers().get(0);
    assertEquals(0.5f, gru.options().dropout());
    assertEquals(0.25f, gru.options().recurrentDropout());
    assertEquals(7, gru.options().seed());
  }

  @Test
  void recurrentRatesAreClampedAsKerasClampsThem() {
    // Keras's RNN layers take min(1, max(0, rate)), and their cells drop nothing at rate 1.
    ObjectNode model = legacyModel();
    layerConfig(model, 0).put("recurrent_dropout", 1.0);
    layerConfig(model, 0).put("dropout", -0.5);
    GRU gru = (GRU) map(model).architecture().layers().get(0);
    assertEquals(0f, gru.options().recurrentDropout());
    assertEquals(0f, gru.options().dropout());
    layerConfig(model, 0).put("dropout", 1.7);
    assertEquals(0f, ((GRU) map(model).architecture().layers().get(0)).options().dropout());
  }

  @Test
  void aDropoutLayerRateOfOneIsRefusedByName() {
    ObjectNode model = legacyModel();
    layerConfig(model, 1).put("rate", 1.0); // Keras would divide by a keep probability of 0
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> map(model));
    assertTrue(e.getMessage().contains("rate must be a fraction of units to drop"
        + " in [0, 1), got 1.0"), e.getMessage());
  }

  @Test
  void anUnknownOptionThatIsOffIsAccepted() {
    ObjectNode model = keras3Model();
    layerConfig(model, 2).putNull("some_future_option");
    layerConfig(model, 2).put("another_future_flag", false);
    assertEquals(4, map(model).architecture().layers().size());
  }

  @ParameterizedTest(name = "layer {0}: {1}")
  @CsvSource({
    "2, stateful, stateful=true",
    "2, return_state, return_state=true",
    "2, recurrent_activation, activation 'softmax' is not supported in a recurrent cell",
    "2, activation, activation 'softmax' is not supported in a recurrent cell",
    "2, recurrent_activation, recurrent_activation 'gelu' is not supported; supported:",
    "2, trainable, trainable=false",
    "2, kernel_regularizer, kernel_regularizer={\"class_name\":\"L2\"",
    "2, some_option, option some_option=3",
    "3, use_bias, use_bias=false",
    "3, activation, activation 'gelu' is not supported",
    "3, kernel_constraint, kernel_constraint={\"class_name\":\"NonNeg\"",
    "3, dtype, dtype=\"mixed_float16\"",
    "1, sparse, sparse gradients are not supported",
  })
  void optionsRnnkitDoesNotComputeAreRefusedByName(int layer, String option, String expected) {
    ObjectNode model = keras3Model();
    ObjectNode config = layerConfig(model, layer);
    Consumer<ObjectNode> change = switch (option) {
      case "stateful", "return_state", "sparse" -> c -> c.put(option, true);
      case "recurrent_activation" -> c -> c.put(option, expected.contains("gelu") ? "gelu" : "softmax");
      case "activation" -> c -> c.put(option, layer == 2 ? "softmax" : "gelu");
      case "trainable", "use_bias" -> c -> c.put(option, false);
      case "kernel_regularizer" -> c -> c.set(option, json("{'class_name': 'L2', 'config': {}}"));
      case "kernel_constraint" -> c -> c.set(option, json("{'class_name': 'NonNeg', 'config': {}}"));
      case "dtype" -> c -> c.put(option, "mixed_float16");
      default -> c -> c.put(option, 3);
    };
    change.accept(config);
    String name = config.path("name").asText();
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> map(model));
    assertEquals(name, e.layerName());
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains(expected),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Conv2D", "LayerNormalization"})
  void unsupportedLayerClassesAreRefusedByName(String className) {
    ObjectNode model = keras3Model();
    ((ObjectNode) model.path("config").path("layers").get(2)).put("class_name", className);
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> map(model));
    assertEquals(className, e.option());
    assertEquals("lstm_2", e.layerName());
    assertTrue(e.getMessage().contains("is a " + className + ", which RNNKit does not support"),
        e.getMessage());
  }

  @Test
  void functionalModelsAreRefused() {
    ObjectNode model = keras3Model();
    model.put("class_name", "Functional");
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> map(model));
    assertTrue(e.getMessage().contains("Sequential models only"), e.getMessage());
  }

  @Test
  void anOpenTimeAxisIsAnOpenLengthUnlessTheOptionsFixOne() {
    ObjectNode model = legacyModel();
    layerConfig(model, 0).set("batch_input_shape", json("{'a': [null, null, 3]}").get("a"));
    assertTrue(map(model).architecture().input().isOpenLength());
    KerasModelPlan plan = KerasConfigMapper.map(model, null, ImportOptions.withTimeSteps(7));
    assertEquals(7, plan.architecture().input().timeSteps());
  }

  @Test
  void tfKerasTupleWrappedShapesAreRead() {
    assertEquals(java.util.Arrays.asList(null, 5L, 1L), KerasConfigMapper.shapeOf(
        json("{'class_name': '__tuple__', 'items': [null, 5, 1]}")));
  }

  @Test
  void keras3NamesWeightGroupsAfterLayerClassesInOrder() {
    assertEquals(List.of("layers/lstm", "layers/dense", "layers/dropout", "layers/dense_1",
            "layers/dense_2", "layers/gru", "layers/embedding"),
        KerasV3WeightLayout.layerPaths(
            List.of("LSTM", "Dense", "Dropout", "Dense", "Dense", "GRU", "Embedding")));
    assertEquals("input_layer", KerasV3WeightLayout.snakeCase("InputLayer"));
    assertEquals("simple_rnn", KerasV3WeightLayout.snakeCase("SimpleRNN"));
    assertEquals("layers/lstm/cell/vars", KerasV3WeightLayout.varsPath("layers/lstm", true));
  }

  @Test
  void aDamagedKerasMetadataFileIsReportedWithItsName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keras_metadata.pb");
    // Field 1, length 40, but only two bytes follow: a truncated message.
    Files.write(file, new byte[] {0x0a, 40, 0x10, 0x01});
    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasMetadataReader.read(file));
    assertTrue(e.getMessage().contains(file + " is not a valid keras_metadata.pb"), e.getMessage());
  }

  private static ObjectNode layerConfig(ObjectNode model, int index) {
    return (ObjectNode) model.path("config").path("layers").get(index).path("config");
  }
}
