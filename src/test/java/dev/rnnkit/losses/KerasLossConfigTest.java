package dev.rnnkit.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loss names and options as Keras 3.15.1 writes and reads them: the serialized forms below are
 * what {@code keras.saving.serialize_keras_object} and {@code model.get_compile_config()} wrote
 * for these losses.
 */
class KerasLossConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void defaultOptionsSerializeAsTheName() throws Exception {
    assertEquals("\"categorical_crossentropy\"",
        JSON.writeValueAsString(Loss.fromKerasName("categorical_crossentropy").kerasSerialized()));
    assertEquals("\"binary_crossentropy\"",
        JSON.writeValueAsString(Loss.binaryCrossentropy().kerasSerialized()));
    assertEquals("\"mean_squared_error\"",
        JSON.writeValueAsString(Loss.fromKerasName("mse").kerasSerialized()));
  }

  @Test
  void fromLogitsSerializesAsKerasWritesTheObject() throws Exception {
    assertEquals("{\"module\":\"keras.losses\",\"class_name\":\"CategoricalCrossentropy\","
        + "\"config\":{\"name\":\"categorical_crossentropy\",\"reduction\":\"sum_over_batch_size\","
        + "\"from_logits\":true,\"label_smoothing\":0.0,\"axis\":-1},\"registered_name\":null}",
        JSON.writeValueAsString(Loss.categoricalCrossentropy(true).kerasSerialized()));
    assertEquals("{\"module\":\"keras.losses\",\"class_name\":\"BinaryCrossentropy\","
        + "\"config\":{\"name\":\"binary_crossentropy\",\"reduction\":\"sum_over_batch_size\","
        + "\"from_logits\":true,\"label_smoothing\":0.0,\"axis\":-1},\"registered_name\":null}",
        JSON.writeValueAsString(Loss.binaryCrossentropy(true).kerasSerialized()));
    assertEquals("{\"module\":\"keras.losses\",\"class_name\":\"SparseCategoricalCrossentropy\","
        + "\"config\":{\"name\":\"sparse_categorical_crossentropy\",\"reduction\":"
        + "\"sum_over_batch_size\",\"from_logits\":true,\"ignore_class\":null},"
        + "\"registered_name\":null}",
        JSON.writeValueAsString(Loss.sparseCategoricalCrossentropy(true).kerasSerialized()));
  }

  @Test
  void namesParseWithAndWithoutFromLogits() {
    Loss cce = Loss.fromKerasName("categorical_crossentropy", true);
    assertEquals("categorical_crossentropy", cce.kerasName());
    assertTrue(cce.fromLogits() && cce.isCategorical());
    assertFalse(Loss.fromKerasName("categorical_crossentropy").fromLogits());
    assertTrue(Loss.fromKerasName("sparse_categorical_crossentropy", true).fromLogits());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.fromKerasName("mse", true));
    assertTrue(e.getMessage().contains("no from_logits"), e.getMessage());
  }

  @Test
  void configNamesRoundTrip() {
    for (Loss loss : new Loss[] {Loss.binaryCrossentropy(), Loss.binaryCrossentropy(true),
        Loss.categoricalCrossentropy(true), Loss.sparseCategoricalCrossentropy(),
        Loss.meanAbsoluteError()}) {
      Loss back = Loss.fromConfigName(loss.configName());
      assertEquals(loss.kerasName(), back.kerasName());
      assertEquals(loss.fromLogits(), back.fromLogits());
    }
    assertEquals("binary_crossentropy", Loss.binaryCrossentropy().configName());
  }

  @Test
  void serializedObjectsReadBack() {
    Loss loss = Loss.fromKerasConfig("CategoricalCrossentropy", Map.of("name",
        "categorical_crossentropy", "reduction", "sum_over_batch_size", "from_logits", true,
        "label_smoothing", 0.0, "axis", -1));
    assertTrue(loss.isCategorical() && loss.fromLogits());
    Map<String, Object> sparse = new HashMap<>(Map.of("from_logits", false));
    sparse.put("ignore_class", null);
    assertTrue(Loss.fromKerasConfig("SparseCategoricalCrossentropy", sparse).isSparseCategorical());
    assertEquals("mean_absolute_error",
        Loss.fromKerasConfig("MeanAbsoluteError", Map.of("reduction", "sum_over_batch_size"))
            .kerasName());
  }

  @Test
  void optionsRnnkitDoesNotImplementAreRefusedByName() {
    assertRefused("label_smoothing", "CategoricalCrossentropy", Map.of("label_smoothing", 0.1));
    assertRefused("axis", "CategoricalCrossentropy", Map.of("axis", 1));
    assertRefused("ignore_class", "SparseCategoricalCrossentropy",
        Map.of("ignore_class", 0));
    assertRefused("reduction", "BinaryCrossentropy", Map.of("reduction", "sum"));
    assertRefused("from_logits", "MeanSquaredError", Map.of("from_logits", true));
    assertRefused("CategoricalFocalCrossentropy", "CategoricalFocalCrossentropy",
        Map.of());
  }

  private static void assertRefused(String named, String className, Map<String, ?> config) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.fromKerasConfig(className, config));
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }
}
