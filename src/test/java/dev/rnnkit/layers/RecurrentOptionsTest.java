package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/**
 * Which path each cell takes: Keras's default cell keeps the fused LSTM kernel and the
 * hand-written GRU gradient (with none of the ops the options add), go_backwards alone keeps the
 * fused kernel, any other cell is unrolled; use_bias=false has no bias variable.
 */
class RecurrentOptionsTest {

  private static final Shape INPUT = Shape.of(-1, 4, 3);
  private static final Set<String> OPTION_OPS =
      Set.of("ReverseV2", "Relu", "Maximum", "Minimum", "Abs", "RealDiv");

  private static Set<String> opTypes(Layer layer) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> input = tf.placeholder(TFloat32.class);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      for (WeightSpec spec : layer.weightSpecs(INPUT)) {
        weights.put(spec.name(), tf.zeros(tf.constant(spec.shape()), TFloat32.class));
      }
      layer.call(tf, input, INPUT, weights::get);
      Set<String> types = new TreeSet<>();
      graph.operations().forEachRemaining(op -> types.add(((GraphOperation) op).type()));
      return types;
    }
  }

  @Test
  void theDefaultLstmStaysOnTheFusedKernelWithNoOptionOps() {
    Set<String> types = opTypes(new LSTM("lstm", 5, true));
    assertTrue(types.contains("BlockLSTMV2"), types.toString());
    assertTrue(types.stream().noneMatch(OPTION_OPS::contains), types.toString());
  }

  @Test
  void goBackwardsReversesTheInputOfTheFusedKernel() {
    Set<String> types = opTypes(
        new LSTM("lstm", 5, true, true, RecurrentOptions.DEFAULTS.withGoBackwards(true)));
    assertTrue(types.containsAll(List.of("BlockLSTMV2", "ReverseV2")), types.toString());
  }

  @Test
  void anotherCellIsUnrolled() {
    Set<String> types = opTypes(new LSTM("lstm", 5, true, true,
        RecurrentOptions.DEFAULTS.withRecurrentActivation(Activation.HARD_SIGMOID)));
    assertFalse(types.contains("BlockLSTMV2"), types.toString());
    assertTrue(types.containsAll(List.of("Maximum", "Minimum")), types.toString());
  }

  @Test
  void theDefaultGruHasNoOptionOpsAndKeepsItsHandWrittenGradient() {
    GRU gru = new GRU("gru", 4, true, true);
    assertTrue(gru.hasExplicitGradient());
    assertTrue(opTypes(gru).stream().noneMatch(OPTION_OPS::contains));
    assertFalse(new GRU("gru", 4, true, true,
        RecurrentOptions.DEFAULTS.withGoBackwards(true)).hasExplicitGradient());
    assertFalse(new GRU("gru", 4, true, true,
        RecurrentOptions.DEFAULTS.withActivation(Activation.RELU)).hasExplicitGradient());
  }

  @Test
  void noBiasMeansNoBiasVariable() {
    RecurrentOptions noBias = RecurrentOptions.DEFAULTS.withUseBias(false);
    assertEquals(List.of("kernel", "recurrent_kernel"),
        new LSTM("lstm", 5, true, true, noBias).weightSpecs(INPUT).stream().map(WeightSpec::name).toList());
    assertEquals(List.of("kernel", "recurrent_kernel"),
        new GRU("gru", 4, true, false, noBias).weightSpecs(INPUT).stream().map(WeightSpec::name).toList());
  }

  @Test
  void unitForgetBiasSetsOnlyTheInitialForgetBlock() {
    float[] on = new LSTM("lstm", 2, false).weightSpecs(INPUT).get(2).initializer()
        .initialize(new long[] {8}, new java.util.SplittableRandom(1));
    float[] off = new LSTM("lstm", 2, false, true,
        RecurrentOptions.DEFAULTS.withUnitForgetBias(false)).weightSpecs(INPUT).get(2)
        .initializer().initialize(new long[] {8}, new java.util.SplittableRandom(1));
    assertEquals(1f, on[2]);
    assertEquals(0f, off[2]);
  }

  @Test
  void softmaxIsRefusedInACell() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecurrentOptions.DEFAULTS.withRecurrentActivation(Activation.SOFTMAX));
    assertTrue(e.getMessage().contains("'softmax'"), e.getMessage());
  }

  @Test
  void theOptionsSurviveTheirKerasConfig() {
    RecurrentOptions options = new RecurrentOptions(true, false, Activation.SOFTSIGN,
        Activation.HARD_SIGMOID, false);
    LSTM lstm = new LSTM("lstm", 3, true, true, options);
    assertEquals(options,
        ((RecurrentLayer) LayerFactory.fromKerasConfig("LSTM", lstm.kerasConfig())).options());
    GRU gru = new GRU("gru", 3, false, false, options.withUnitForgetBias(true));
    assertEquals(options.withUnitForgetBias(true),
        ((RecurrentLayer) LayerFactory.fromKerasConfig("GRU", gru.kerasConfig())).options());
  }
}
