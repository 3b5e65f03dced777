package dev.rnnkit.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.GRU;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Architectures and weights for the format tests, made without TensorFlow. */
final class TestModels {

  private TestModels() {}

  /** Token ids into every supported layer kind: Embedding, LSTM, GRU (both biases), Dense. */
  static Sequential tokensModel() {
    return Sequential.of(new InputSpec("tokens", 7, 0),
        new Embedding("embedding", 30, 4),
        new LSTM("lstm", 5, true),
        new GRU("gru", 3, true, false),
        new GRU("gru_1", 6, false, true),
        new Dense("dense", 4, Activation.TANH),
        new Dense("dense_1", 3, Activation.SOFTMAX));
  }

  /** Float sequences into an LSTM and Dense layers, as the time-series fixture. */
  static Sequential featuresModel() {
    return Sequential.of(new InputSpec("series", 5, 2),
        new LSTM("lstm_7", 8, false),
        new Dense("dense_3", 4, Activation.RELU),
        new Dense("dense_4", 1, Activation.LINEAR));
  }

  /**
   * Weights drawn from the layers' initializers, with values whose bits a careless conversion
   * would change: negative zero, a subnormal, the largest float.
   */
  static List<Weight> weights(Sequential architecture, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Weight> weights = new ArrayList<>();
    for (Sequential.NamedWeightSpec spec : architecture.weightSpecs()) {
      long[] shape = spec.spec().shape();
      float[] values = spec.spec().initializer().initialize(shape, random.split());
      for (int i = 0; i < values.length; i++) {
        values[i] += (float) random.nextDouble(-0.5, 0.5);
      }
      values[0] = -0.0f;
      values[values.length / 2] = Float.MIN_VALUE;
      values[values.length - 1] = -Float.MAX_VALUE;
      weights.add(new Weight(spec.name(), shape, values));
    }
    return weights;
  }

  /** Writes a model's file: architecture, weights, model name, path. */
  @FunctionalInterface
  interface Saver {
    void save(Sequential architecture, List<Weight> weights, String modelName, Path file);
  }

  /**
   * Saves both test architectures with {@code saver}, imports the file and checks that the
   * architecture, the weights (bit for bit), the format and the model name come back.
   */
  static void assertRoundTrips(Saver saver, Path file, KerasFormat format) {
    for (Sequential architecture : List.of(tokensModel(), featuresModel())) {
      List<Weight> weights = weights(architecture, 5);
      saver.save(architecture, weights, "round_trip", file);
      ImportedModel back = KerasImporter.importModel(file);
      assertSameArchitecture(architecture, back.architecture());
      assertBitIdentical(weights, back.weights());
      assertEquals(format, back.metadata().format());
      assertEquals("round_trip", back.metadata().modelName());
      assertEquals(List.of(), back.metadata().notes());
    }
  }

  /** Same input, same layer classes and Keras configs, in the same order. */
  static void assertSameArchitecture(Sequential expected, Sequential actual) {
    assertEquals(expected.input(), actual.input());
    assertEquals(expected.layers().size(), actual.layers().size());
    for (int i = 0; i < expected.layers().size(); i++) {
      Layer e = expected.layers().get(i);
      Layer a = actual.layers().get(i);
      assertEquals(e.getClass(), a.getClass());
      assertEquals(e.kerasConfig(), a.kerasConfig());
    }
  }

  /** Same names, shapes and bit patterns, in the same order. */
  static void assertBitIdentical(List<Weight> expected, List<Weight> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Weight e = expected.get(i);
      Weight a = actual.get(i);
      assertEquals(e.name(), a.name());
      assertEquals(java.util.Arrays.toString(e.shape()), java.util.Arrays.toString(a.shape()));
      for (int k = 0; k < e.values().length; k++) {
        if (Float.floatToRawIntBits(e.values()[k]) != Float.floatToRawIntBits(a.values()[k])) {
          throw new AssertionError(e.name() + "[" + k + "]: " + e.values()[k] + " became "
              + a.values()[k]);
        }
      }
    }
  }
}
