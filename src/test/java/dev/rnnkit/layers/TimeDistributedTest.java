package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TimeDistributed(Dense): the Dense at every step in either layout, the input's mask passed on,
 * weights named after the wrapped Dense inside the layer (per-layer weights and Adam slots work
 * on them), its config rebuilt by the LayerFactory. Keras's own numbers are fixture 09
 * (Keras3SequenceModelsTest).
 */
class TimeDistributedTest {

  private static final Shape INPUT = Shape.of(-1, 4, 3);

  @Test
  void computesTheDenseAtEveryStepInEitherLayout() {
    Dense dense = new Dense("dense", 2, Activation.TANH);
    TimeDistributed layer = new TimeDistributed("time_distributed", dense);
    assertArrayEquals(new long[] {-1, 4, 2}, layer.outputShape(INPUT).asArray());
    float[][][] x = {{{1, 2, 0}, {0.5f, -1, 2}, {0, 0, 0}, {3, 1, -1}},
        {{-2, 1, 1}, {1, 1, 1}, {2, -0.5f, 0}, {0, 1, 4}}};
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      SplittableRandom random = new SplittableRandom(7);
      for (WeightSpec spec : dense.weightSpecs(INPUT)) {
        Operand<TFloat32> value = tf.reshape(tf.constant(
            Initializers.glorotUniform().initialize(spec.shape(), random)),
            tf.constant(spec.shape()));
        weights.put(spec.name(), value);
        weights.put("dense/" + spec.name(), value);
      }
      Operand<TFloat32> input = tf.constant(x);
      Operand<TFloat32> expected =
          dense.call(tf, input, INPUT, weights::get, SequenceLayout.BATCH_MAJOR);
      Operand<TFloat32> batchMajor =
          layer.call(tf, input, INPUT, weights::get, SequenceLayout.BATCH_MAJOR);
      Operand<TFloat32> timeMajor = SequenceLayout.swap(tf, layer.call(tf,
          SequenceLayout.swap(tf, input), INPUT, weights::get, SequenceLayout.TIME_MAJOR));
      try (Result result = session.runner().fetch(expected).fetch(batchMajor).fetch(timeMajor)
          .run()) {
        TFloat32 want = (TFloat32) result.get(0);
        assertArrayEquals(new long[] {2, 4, 2}, want.shape().asArray());
        for (int r = 1; r <= 2; r++) {
          TFloat32 got = (TFloat32) result.get(r);
          want.scalars().forEachIndexed((index, value) ->
              assertEquals(value.getFloat(), got.getFloat(index), 0f));
        }
      }
    }
    assertTrue(layer.acceptsTimeMajor());
  }

  @Test
  void passesTheInputsMaskOnAsKeras() {
    TimeDistributed layer = new TimeDistributed(new Dense(2, null));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> mask = tf.placeholder(TFloat32.class);
      assertSame(mask, layer.outputMask(tf, tf.placeholder(TFloat32.class), mask, INPUT,
          SequenceLayout.BATCH_MAJOR));
    }
  }

  @Test
  void takesSequencesOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TimeDistributed("td", new Dense(2, null)).outputShape(Shape.of(-1, 3)));
    assertTrue(e.getMessage().contains("TimeDistributed 'td' needs a sequence"), e.getMessage());
  }

  @Test
  void weightsAreTheDensesUnderItsNameAndTrainWithAdam() {
    Sequential architecture = Sequential.of(InputSpec.features(4, 3), new LSTM(3, true),
        new TimeDistributed(new Dense(1, Activation.TANH)));
    assertEquals(List.of("lstm/kernel", "lstm/recurrent_kernel", "lstm/bias",
        "time_distributed/dense/kernel", "time_distributed/dense/bias"),
        architecture.weightSpecs().stream().map(Sequential.NamedWeightSpec::name).toList());
    assertTrue(architecture.summary().contains("time_distributed (TimeDistributed)"),
        architecture.summary());
    assertEquals(3 * 1 + 1, architecture.layers().get(1).paramCount(Shape.of(-1, 4, 3)));
    // One label per sequence, which the mean squared error compares with every step's unit.
    SequenceData batch = SyntheticTask.features(4, 4, 3, 9);
    try (Model model = Model.compile(architecture, Adam.keras(),
        Loss.meanSquaredError(), 5)) {
      List<Weight> layer = model.layerWeights("time_distributed");
      assertEquals(List.of("kernel", "bias"), layer.stream().map(Weight::shortName).toList());
      double before = model.evaluate(batch, 4).loss();
      for (int i = 0; i < 30; i++) {
        model.trainStep(batch, batch.naturalOrder(), 0, 4);
      }
      assertTrue(model.evaluate(batch, 4).loss() < before, "the loss falls");
      assertTrue(model.optimizerState().slots().stream()
          .anyMatch(w -> w.name().contains("time_distributed_dense_kernel")),
          model.optimizerState().slots().toString());
    }
  }

  @Test
  void configSurvivesTheLayerFactory() {
    TimeDistributed layer = new TimeDistributed("td", new Dense("out", 3, Activation.SOFTMAX));
    Layer rebuilt = LayerFactory.fromKerasConfig("TimeDistributed", layer.kerasConfig());
    assertEquals(layer.kerasConfig(), rebuilt.kerasConfig());
    assertEquals(new Dense("out", 3, Activation.SOFTMAX), ((TimeDistributed) rebuilt).layer());
  }

  @Test
  void theLayerFactoryRefusesAnotherWrappedLayer() {
    Map<String, Object> config = Map.of("name", "td", "layer",
        Map.of("class_name", "LSTM", "config", new LSTM("lstm", 2, true).kerasConfig()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerFactory.fromKerasConfig("TimeDistributed", config));
    assertTrue(e.getMessage().contains("wraps a LSTM; it takes a Dense"), e.getMessage());
  }
}
