package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.Masking;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A model's graphs by sequence length, all in one TensorFlow graph and sharing the model's
 * variables. A fixed-length model has one. A model with an open length ({@code
 * Input(shape=(None, ...))}) gets one per length it meets, built when a batch first needs it:
 * recurrent layers are unrolled over a known number of steps, because TensorFlow Java cannot
 * differentiate a while loop.
 *
 * <p>Batches of ragged data are padded after each sequence's end. When the model masks that
 * padding (its first layer is {@code Embedding(mask_zero=True)} or {@code Masking(0.0)}), the
 * padded steps change nothing, so lengths are rounded up to a few {@link #bucket}s and a handful
 * of graphs serve every length; otherwise a batch is padded only to its longest sequence, as a
 * Keras user would pad it.
 */
final class LengthGraphs<G extends BatchGraph> {

  private final Sequential architecture;
  private final BiFunction<Integer, Boolean, G> build;
  private final Map<Key, G> built = new HashMap<>();

  private record Key(int steps, boolean postPadded) {}

  /**
   * {@code build} makes the graph for a number of steps and whether its batches are post-padded
   * (see {@link Sequential#forward(org.tensorflow.op.Ops, org.tensorflow.Operand,
   * java.util.function.BiFunction, boolean)}), under its own name scope.
   */
  LengthGraphs(Sequential architecture, BiFunction<Integer, Boolean, G> build) {
    this.architecture = architecture;
    this.build = build;
  }

  /** The graph for batches of {@code steps} steps, built on first use. */
  synchronized G forSteps(int steps, boolean postPadded) {
    return built.computeIfAbsent(new Key(steps, postPadded),
        key -> build.apply(key.steps(), key.postPadded()));
  }

  /**
   * The graph of the batch {@code order[from..to)} of {@code data}: post-padded when the model
   * masks padding and the batch has none but after its sequences' ends.
   */
  G forBatch(SequenceData data, int[] order, int from, int to) {
    boolean postPadded = masksPadding(architecture)
        && data.isPostPadded(order, from, to);
    return forSteps(steps(data.batchLength(order, from, to)), postPadded);
  }

  /** The number of steps a batch whose longest sequence has {@code longest} is padded to. */
  int steps(int longest) {
    InputSpec in = architecture.input();
    if (!in.isOpenLength()) {
      return in.timeSteps();
    }
    return masksPadding(architecture) ? bucket(longest) : longest;
  }

  /** The name scope of a graph built for a length. */
  static String scopeName(int steps, boolean postPadded) {
    return (postPadded ? "post_padded_" : "length_") + steps;
  }

  /** How many graphs have been built (for tests and the benchmark). */
  synchronized int size() {
    return built.size();
  }

  /**
   * Whether the model's first layer masks the steps that padding adds (id 0, or 0.0 features),
   * and no layer reads padded steps regardless (a convolution or pooling window: Keras drops the
   * mask there, so extra padding would change the real steps' outputs).
   */
  static boolean masksPadding(Sequential architecture) {
    var first = architecture.layers().get(0);
    boolean masked = (first instanceof Embedding e && e.maskZero())
        || (first instanceof Masking m && m.maskValue() == 0f);
    return masked && architecture.layers().stream().noneMatch(Layer::mixesStepsIgnoringMask);
  }

  /**
   * {@code longest} rounded up: to a multiple of 8 up to 64 steps, then of 16 up to 256, then of
   * 32. At most 1/8 of a batch's steps (1/4 for very short ones) are padding, and a corpus of
   * reviews up to 2,500 words needs fewer than 90 graphs.
   */
  static int bucket(int longest) {
    int step = longest <= 64 ? 8 : longest <= 256 ? 16 : 32;
    return Math.max(step, (longest + step - 1) / step * step);
  }
}
