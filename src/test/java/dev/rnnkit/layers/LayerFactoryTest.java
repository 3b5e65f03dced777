package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer rebuilt from its Keras class name and config (how a saved rnnkit.json comes back)
 * is the layer it was, with the same config.
 */
class LayerFactoryTest {

  static Stream<Layer> layers() {
    return Stream.of(
        new Embedding("embedding", 20, 4, true),
        new Embedding("embedding", 20, 4, false),
        new Masking("masking", -1.5f),
        new LSTM("lstm", 3, true, true, RecurrentOptions.DEFAULTS.withGoBackwards(true)),
        new GRU("gru", 3, false, false, RecurrentOptions.DEFAULTS.withUseBias(false)),
        new SimpleRNN("simple_rnn", 3, true,
            RecurrentOptions.DEFAULTS.withActivation(Activation.RELU)),
        new GlobalMaxPooling1D("global_max_pooling1d"),
        new GlobalAveragePooling1D("global_average_pooling1d"),
        new Dense("dense", 2, Activation.SOFTMAX),
        new TimeDistributed("time_distributed", new Dense("dense", 2, Activation.TANH)),
        new Conv1D("conv1d", 4, 3, 2, Padding.SAME, 1, Activation.RELU, false),
        new MaxPooling1D("max_pooling1d", 3, 1, Padding.SAME),
        new AveragePooling1D("average_pooling1d", 2, 2, Padding.VALID),
        new Flatten("flatten"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void rebuildsTheSameLayer(Layer layer) {
    Layer rebuilt = LayerFactory.fromKerasConfig(layer.kerasClassName(), layer.kerasConfig());
    assertEquals(layer.getClass(), rebuilt.getClass());
    assertEquals(layer.kerasConfig(), rebuilt.kerasConfig());
    if (layer instanceof Record) {
      assertEquals(layer, rebuilt);
    }
  }

  @Test
  void anUnknownClassIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerFactory.fromKerasConfig("Conv2D", Map.of("name", "conv2d")));
    assertTrue(e.getMessage().contains("'Conv2D' (layer 'conv2d')"), e.getMessage());
  }

  /** Conv1D options RNNKit does not compute are refused by name. */
  @Test
  void groupedOrChannelsFirstConvolutionsAreRefused() {
    Map<String, Object> grouped = new java.util.HashMap<>(
        new Conv1D("conv1d", 4, 3, 1, Padding.SAME, 1, Activation.LINEAR, true).kerasConfig());
    grouped.put("groups", 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerFactory.fromKerasConfig("Conv1D", grouped));
    assertTrue(e.getMessage().contains("groups=2"), e.getMessage());
    grouped.put("groups", 1);
    grouped.put("data_format", "channels_first");
    e = assertThrows(IllegalArgumentException.class,
        () -> LayerFactory.fromKerasConfig("Conv1D", grouped));
    assertTrue(e.getMessage().contains("channels_first"), e.getMessage());
  }
}
