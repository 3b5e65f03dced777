package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Bidirectional against real Keras 3.15.1 (numpy backend): every merge mode, LSTM and GRU,
 * sequences and last step, with and without mask_zero, and an all-padding row
 * (bidirectional_keras3.json, written by bidirectional_keras3.py beside it); the fused LSTM
 * kernel in both directions without a mask; Keras's weight names and summary line.
 */
class BidirectionalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> kerasCases() throws IOException {
    List<String> names = new ArrayList<>();
    oracle().path("cases").forEach(c -> names.add(c.path("name").asText()));
    return names.stream();
  }

  private static JsonNode oracle() throws IOException {
    try (InputStream in = BidirectionalTest.class.getResourceAsStream("bidirectional_keras3.json")) {
      return JSON.readTree(in);
    }
  }

  private static JsonNode kerasCase(String name) throws IOException {
    for (JsonNode c : oracle().path("cases")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kerasCases")
  void predictsWhatKerasPredicts(String name) throws IOException {
    JsonNode c = kerasCase(name);
    int[][] ids = JSON.treeToValue(c.path("ids"), int[][].class);
    int units = c.path("units").asInt();
    boolean sequences = c.path("return_sequences").asBoolean();
    RecurrentLayer rnn = c.path("cell").asText().equals("LSTM")
        ? new LSTM(units, sequences) : new GRU(units, sequences);
    Sequential architecture = Sequential.of(InputSpec.tokens(ids[0].length),
        new Embedding(null, 10, 4, c.path("mask_zero").asBoolean()),
        new Bidirectional(rnn, Bidirectional.MergeMode.fromKerasName(c.path("merge_mode").asText())));
    try (Model model = Model.compile(architecture, 1)) {
      model.setWeights(kerasWeights(model.weights(), c.path("weights")));
      float[][] rows = model.predict(SequenceData.ofTokens(ids, null), ids.length);
      float[] expected = floats(c.path("expected"));
      int width = rows[0].length;
      assertEquals(expected.length, rows.length * width, name + ": number of outputs");
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], rows[i / width][i % width], 1e-5, name + ": output " + i);
      }
    }
  }

  /** Keras's values in model.weights order, under RNNKit's names in the same order. */
  private static List<Weight> kerasWeights(List<Weight> ours, JsonNode keras) {
    assertEquals(keras.size(), ours.size(), "number of weights");
    List<Weight> weights = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      String path = keras.get(i).path("path").asText();
      Weight w = ours.get(i);
      // sequential_3/bidirectional_3/forward_lstm_3/lstm_cell/kernel (Keras numbers the objects
      // of one process) is bidirectional/forward_lstm/kernel.
      String kerasName = path.replaceAll("_\\d+(?=/|$)", "").replaceAll("/(lstm|gru)_cell/", "/");
      assertEquals("sequential/" + w.name(), kerasName, path);
      weights.add(new Weight(w.name(), w.shape(), floats(keras.get(i).path("values"))));
    }
    return weights;
  }

  private static float[] floats(JsonNode values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.parseFloat(values.get(i).asText());
    }
    return out;
  }

  @Test
  void weightsAreTheForwardLayersThenTheBackwardLayersWithKerasNames() {
    Sequential architecture = Sequential.of(InputSpec.tokens(6), new Embedding(10, 4),
        new Bidirectional(new GRU(3, false), Bidirectional.MergeMode.SUM));
    assertEquals(List.of("embedding/embeddings", "bidirectional/forward_gru/kernel",
        "bidirectional/forward_gru/recurrent_kernel", "bidirectional/forward_gru/bias",
        "bidirectional/backward_gru/kernel", "bidirectional/backward_gru/recurrent_kernel",
        "bidirectional/backward_gru/bias"),
        architecture.weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList());
    try (Model model = Model.compile(architecture, 3)) {
      List<Weight> layer = model.layerWeights("bidirectional");
      assertEquals(List.of("kernel", "recurrent_kernel", "bias", "kernel", "recurrent_kernel",
          "bias"), layer.stream().map(Weight::shortName).toList());
      List<Weight> doubled = layer.stream().map(w -> new Weight(w.shortName(), w.shape(),
          scaled(w.values(), 2))).toList();
      model.setLayerWeights("bidirectional", doubled);
      assertEquals(2 * layer.get(4).values()[1],
          model.layerWeights("bidirectional").get(4).values()[1], 1e-7);
    }
  }

  private static float[] scaled(float[] values, float factor) {
    float[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  /**
   * A masked Bidirectional model trains (the loss falls), and its Adam slots, named after the
   * weights' paths, carry over to a second model of the same architecture.
   */
  @Test
  void trainsAndItsOptimizerStateMovesToAnotherModel() {
    Sequential architecture = Sequential.of(InputSpec.tokens(5), new Embedding(null, 12, 3, true),
        new Bidirectional(new LSTM(4, false), Bidirectional.MergeMode.SUM),
        new Dense(1, Activation.SIGMOID));
    int[][] ids = {{0, 0, 7, 4, 11}, {3, 3, 9, 0, 0}, {10, 6, 1, 8, 4}, {2, 5, 0, 0, 0}};
    SequenceData batch = SequenceData.ofTokens(ids, new float[] {1, 0, 1, 0});
    try (Model model = Model.compile(architecture, 21); Model copy = Model.compile(architecture, 22)) {
      double before = model.evaluate(batch, 4).loss();
      for (int i = 0; i < 30; i++) {
        model.trainStep(batch, batch.naturalOrder(), 0, 4);
      }
      assertTrue(model.evaluate(batch, 4).loss() < before, "the loss falls");
      assertTrue(model.optimizerState().slots().stream()
          .anyMatch(w -> w.name().contains("bidirectional_backward_lstm_recurrent_kernel")),
          model.optimizerState().slots().toString());
      copy.setWeights(model.weights());
      copy.setOptimizerState(model.optimizerState());
      model.trainStep(batch, batch.naturalOrder(), 0, 4);
      copy.trainStep(batch, batch.naturalOrder(), 0, 4);
      assertEquals(model.evaluate(batch, 4).loss(), copy.evaluate(batch, 4).loss(), 1e-6);
    }
  }

  @Test
  void summaryLineIsKeras() {
    // Keras 3.15.1's model.summary() of Embedding(10, 4, mask_zero=True) and this layer says
    // "bidirectional (Bidirectional) | (None, 6, 6) | 192" (in its box table).
    Sequential architecture = Sequential.of(InputSpec.tokens(6), new Embedding(null, 10, 4, true),
        new Bidirectional(new LSTM(3, true)));
    String summary = architecture.summary();
    assertTrue(summary.contains(
        "bidirectional (Bidirectional)  (None, 6, 6)             192"), summary);
  }

  @Test
  void bothLstmsKeepTheFusedKernelWithoutAMaskAndAreUnrolledWithOne() {
    Bidirectional layer = new Bidirectional(new LSTM(3, true));
    assertEquals(2, opCount(layer, false, "BlockLSTMV2"));
    assertEquals(0, opCount(layer, true, "BlockLSTMV2"));
    assertTrue(Sequential.of(InputSpec.features(5, 2), layer).sequenceLayout()
        == SequenceLayout.TIME_MAJOR, "time-major, as a model of recurrent layers");
  }

  private static long opCount(Layer layer, boolean masked, String type) {
    Shape input = Shape.of(-1, 5, 2);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      for (WeightSpec spec : layer.weightSpecs(input)) {
        weights.put(spec.name(), tf.zeros(tf.constant(spec.shape()), TFloat32.class));
      }
      layer.call(tf, tf.placeholder(TFloat32.class), input, weights::get,
          SequenceLayout.BATCH_MAJOR, masked ? tf.placeholder(TFloat32.class) : null);
      long[] count = {0};
      graph.operations().forEachRemaining(
          op -> count[0] += ((GraphOperation) op).type().equals(type) ? 1 : 0);
      return count[0];
    }
  }

  /**
   * Time-major, as a model of recurrent layers lays sequences out, computes bit for bit what
   * batch-major does: the reversals, the zeroed masked steps and the merge follow the layout.
   */
  @Test
  void timeMajorComputesWhatBatchMajorDoes() {
    Bidirectional layer = new Bidirectional(new GRU(3, true), Bidirectional.MergeMode.CONCAT);
    Shape shape = Shape.of(-1, 4, 2);
    float[][][] x = {{{1, 2}, {0.5f, -1}, {0, 0}, {3, 1}}, {{-2, 1}, {1, 1}, {2, -0.5f}, {0, 1}}};
    float[][] mask = {{1, 1, 0, 1}, {0, 1, 1, 1}};
    try (Graph graph = new Graph(); org.tensorflow.Session session = new org.tensorflow.Session(graph)) {
      Ops tf = Ops.create(graph);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      java.util.SplittableRandom random = new java.util.SplittableRandom(3);
      for (WeightSpec spec : layer.weightSpecs(shape)) {
        weights.put(spec.name(), tf.reshape(tf.constant(spec.initializer().initialize(
            spec.shape(), random)), tf.constant(spec.shape())));
      }
      Operand<TFloat32> input = tf.constant(x);
      Operand<TFloat32> m = tf.constant(mask);
      Operand<TFloat32> batchMajor = layer.call(tf, input, shape, weights::get,
          SequenceLayout.BATCH_MAJOR, m);
      Operand<TFloat32> timeMajor = SequenceLayout.swap(tf, layer.call(tf,
          SequenceLayout.swap(tf, input), shape, weights::get, SequenceLayout.TIME_MAJOR,
          tf.linalg.transpose(m, tf.constant(new int[] {1, 0}))));
      try (org.tensorflow.Result result = session.runner().fetch(batchMajor).fetch(timeMajor).run()) {
        TFloat32 a = (TFloat32) result.get(0);
        TFloat32 b = (TFloat32) result.get(1);
        assertEquals(Shape.of(2, 4, 6), a.shape());
        a.scalars().forEachIndexed((index, value) ->
            assertEquals(value.getFloat(), b.getFloat(index), 0f, java.util.Arrays.toString(index)));
        // 0 or -0 (a negative output times the mask's 0): equal as numbers, as Keras's 0.
        assertEquals(0f, a.getFloat(0, 2, 0), 0f, "forward half at a masked step");
        assertEquals(0f, a.getFloat(1, 0, 5), 0f, "backward half at a masked step");
      }
    }
  }

  @Test
  void configSurvivesTheLayerFactory() {
    Bidirectional layer = new Bidirectional("bi", new GRU(null, 4, true, false),
        Bidirectional.MergeMode.AVE);
    Layer rebuilt = LayerFactory.fromKerasConfig("Bidirectional", layer.kerasConfig());
    assertEquals(layer.kerasConfig(), rebuilt.kerasConfig());
    assertEquals("forward_gru", ((Bidirectional) rebuilt).forwardName());
    assertEquals("backward_gru", ((Bidirectional) rebuilt).backwardName());
  }

  @Test
  void aLayerThatGoesBackwardsIsRefusedAsKerasDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Bidirectional(new LSTM(null, 3, false, true,
            RecurrentOptions.DEFAULTS.withGoBackwards(true))));
    assertTrue(e.getMessage().contains("go_backwards=true"), e.getMessage());
  }
}
