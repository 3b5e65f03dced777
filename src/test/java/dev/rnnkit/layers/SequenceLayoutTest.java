package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Sequential;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Built on time-major sequences, every layer gives the transpose of what it gives batch-major:
 * models chain recurrent layers time-major, and Keras's results must not move.
 */
class SequenceLayoutTest {

  private static final int BATCH = 3;
  private static final int TIME = 7;
  private static final int FEATURES = 4;

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("fused LSTM, sequences", new LSTM("lstm", 5, true, true)),
        Arguments.of("fused LSTM, last step", new LSTM("lstm", 5, false, true)),
        Arguments.of("unrolled LSTM, sequences", new LSTM("lstm", 5, true, false)),
        Arguments.of("GRU, sequences", new GRU("gru", 5, true, true)),
        Arguments.of("GRU, last step", new GRU("gru", 5, false, true)),
        Arguments.of("GRU reset_after=False, sequences", new GRU("gru", 5, true, false)),
        Arguments.of("fused LSTM go_backwards, sequences", new LSTM("lstm", 5, true, true,
            RecurrentOptions.DEFAULTS.withGoBackwards(true))),
        Arguments.of("GRU go_backwards softsign no bias, sequences", new GRU("gru", 5, true, true,
            RecurrentOptions.DEFAULTS.withGoBackwards(true).withUseBias(false)
                .withActivation(Activation.SOFTSIGN))),
        Arguments.of("SimpleRNN go_backwards, sequences", new SimpleRNN("simple_rnn", 5, true,
            RecurrentOptions.DEFAULTS.withGoBackwards(true))),
        Arguments.of("SimpleRNN, last step", new SimpleRNN("simple_rnn", 5, false)),
        Arguments.of("GlobalMaxPooling1D", new GlobalMaxPooling1D("pool")),
        Arguments.of("GlobalAveragePooling1D", new GlobalAveragePooling1D("pool")),
        Arguments.of("Dense", new Dense("dense", 6, Activation.RELU)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void timeMajorOutputIsTheBatchMajorOutputTransposed(String description, Layer layer) {
    Shape inputShape = Shape.of(-1, TIME, FEATURES);
    SplittableRandom random = new SplittableRandom(11);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> input = constant(tf, random, BATCH, TIME, FEATURES);
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      for (WeightSpec spec : layer.weightSpecs(inputShape)) {
        weights.put(spec.name(), constant(tf, random, spec.shape()));
      }
      Operand<TFloat32> batchMajor = layer.call(tf, input, inputShape, weights::get);
      Operand<TFloat32> timeMajor = layer.call(tf, SequenceLayout.TIME_MAJOR.fromBatchMajor(tf, input),
          inputShape, weights::get, SequenceLayout.TIME_MAJOR);
      boolean sequences = layer.outputShape(inputShape).numDimensions() == 3;
      assertClose(session, batchMajor,
          sequences ? SequenceLayout.TIME_MAJOR.toBatchMajor(tf, timeMajor) : timeMajor);
    }
  }

  @Test
  void embeddingLooksUpTimeMajorVectors() {
    Embedding embedding = new Embedding("embedding", 9, FEATURES);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TInt32> ids = tf.constant(new int[][] {{0, 8, 3}, {5, 5, 1}});
      Operand<TFloat32> table = constant(tf, new SplittableRandom(3), 9, FEATURES);
      Shape shape = Shape.of(-1, 3);
      Operand<TFloat32> batchMajor = embedding.call(tf, ids, shape, w -> table);
      Operand<TFloat32> timeMajor = embedding.call(tf, ids, shape, w -> table, SequenceLayout.TIME_MAJOR);
      assertClose(session, batchMajor, SequenceLayout.TIME_MAJOR.toBatchMajor(tf, timeMajor));
    }
  }

  @Test
  void recurrentModelsChainTimeMajorAndOthersStayBatchMajor() {
    assertEquals(SequenceLayout.TIME_MAJOR, ArticleModels.build(ArticleModels.Cell.GRU, true).sequenceLayout());
    assertEquals(SequenceLayout.BATCH_MAJOR, Sequential.of(InputSpec.tokens(5),
        new Embedding(10, 4), new Dense(1, Activation.SIGMOID)).sequenceLayout());
  }

  private static Operand<TFloat32> constant(Ops tf, SplittableRandom random, long... shape) {
    Shape s = Shape.of(shape);
    float[] values = new float[(int) s.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return tf.constant(s, DataBuffers.of(values, true, false));
  }

  private static void assertClose(Session session, Operand<TFloat32> expected, Operand<TFloat32> actual) {
    try (Result r = session.runner().fetch(expected).fetch(actual).run()) {
      TFloat32 want = (TFloat32) r.get(0);
      TFloat32 got = (TFloat32) r.get(1);
      assertEquals(want.shape(), got.shape());
      float[] a = new float[(int) want.size()];
      float[] b = new float[(int) got.size()];
      want.copyTo(DataBuffers.of(a, false, false));
      got.copyTo(DataBuffers.of(b, false, false));
      assertArrayEquals(a, b, 1e-6f);
    }
  }
}
