package dev.rnnkit.layers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Where the layers of a training graph draw their dropout masks: Keras's {@code training=True},
 * made a value fed per run. Two placeholders, created on the first mask only (a graph without
 * dropout holds neither): {@link #training()}, 1 for a training step and 0 by default (evaluate,
 * predict and validation run the same graph without feeding it, and get no dropout), and
 * {@link #seed()}, int64 [2], fed per step.
 *
 * <p>A mask is drawn with {@code StatelessRandomUniform} from the step's seed plus a salt of the
 * mask's key (layer and purpose), so it is a function of the seed, the step and the layer only:
 * two runs of the same seed draw the same masks, and a resumed run draws the masks an
 * uninterrupted one would. With {@code training} 0 the keep probability is exactly 1, so every
 * mask is exactly 1 and the layer is the identity.
 */
public final class Noise {

  private final Ops tf;
  private Operand<TFloat32> training;
  private Operand<TInt64> seed;

  private Noise(Ops tf) {
    this.tf = tf;
  }

  /** Noise whose placeholders will live in {@code tf}'s scope. */
  public static Noise in(Ops tf) {
    return new Noise(tf);
  }

  /** Whether any layer drew a mask, i.e. whether a training step must feed the placeholders. */
  public boolean used() {
    return training != null;
  }

  /** The training flag: float32 scalar, 1 at training, 0 (the default) otherwise. */
  public Operand<TFloat32> training() {
    create();
    return training;
  }

  /** The step's seed: int64 [2], {@code [model seed, step]} at training. */
  public Operand<TInt64> seed() {
    create();
    return seed;
  }

  private void create() {
    if (training == null) {
      Ops scoped = tf.withSubScope("dropout");
      training = scoped.withName("training")
          .placeholderWithDefault(scoped.constant(0f), Shape.scalar());
      PlaceholderWithDefault<TInt64> s = scoped.withName("seed")
          .placeholderWithDefault(scoped.constant(new long[] {0, 0}), Shape.of(2));
      seed = s;
    }
  }

  /**
   * A dropout mask of {@code shape}: each element {@code 1/(1-rate)} with probability
   * {@code 1-rate} and 0 otherwise at training (Keras's {@code dropout(ones, rate)}: kept where
   * a uniform draw is below the keep probability, then divided by it); exactly 1 otherwise.
   *
   * @param key names the mask (layer and purpose): different keys draw independent masks
   */
  public Operand<TFloat32> mask(Ops ops, Operand<TInt32> shape, float rate, String key) {
    Operand<TFloat32> keep = keepProbability(ops, rate);
    Operand<TFloat32> kept = ops.dtypes.cast(ops.math.less(uniform(ops, shape, key), keep),
        TFloat32.class);
    return ops.math.div(kept, keep);
  }

  /**
   * Keras's {@code Dropout} on {@code x}: kept elements divided by the keep probability, the
   * others 0; {@code noiseShape} (broadcast against x's shape) is the shape of the draw.
   */
  public Operand<TFloat32> drop(Ops ops, Operand<TFloat32> x, Operand<TInt32> noiseShape,
      float rate, String key) {
    Operand<TFloat32> keep = keepProbability(ops, rate);
    Operand<TFloat32> kept = ops.dtypes.cast(ops.math.less(uniform(ops, noiseShape, key), keep),
        TFloat32.class);
    return ops.math.mul(ops.math.div(x, keep), kept);
  }

  /** {@code 1 - rate * training}: 1 - rate at training, exactly 1 otherwise. */
  private Operand<TFloat32> keepProbability(Ops ops, float rate) {
    return ops.math.sub(ops.constant(1f), ops.math.mul(ops.constant(rate), training()));
  }

  private Operand<TFloat32> uniform(Ops ops, Operand<TInt32> shape, String key) {
    Operand<TInt64> salted = ops.math.add(seed(), ops.constant(new long[] {salt(key), 0}));
    return ops.random.statelessRandomUniform(shape, salted, TFloat32.class);
  }

  /** The key of a layer's masks: its name, and Keras's {@code seed} when it has one. */
  static String key(String layerName, Integer seed) {
    return seed == null ? layerName : layerName + "#seed=" + seed;
  }

  /** A stable 64-bit hash (FNV-1a) of the mask's key: the same key, the same salt, every run. */
  static long salt(String key) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /**
   * The shape of a draw for {@code x} (of rank {@code dims.size()}): dimension i is
   * {@code dims.get(i)}, or x's own where that is null (Keras's {@code noise_shape} with None).
   */
  public static Operand<TInt32> noiseShape(Ops ops, Operand<TFloat32> x, List<Integer> dims) {
    int rank = dims.size();
    int[] fromX = new int[rank];
    int[] fixed = new int[rank];
    for (int i = 0; i < rank; i++) {
      fromX[i] = dims.get(i) == null ? 1 : 0;
      fixed[i] = dims.get(i) == null ? 0 : dims.get(i);
    }
    return ops.math.add(ops.math.mul(ops.shape(x), ops.constant(fromX)), ops.constant(fixed));
  }

  /**
   * A rate as a config writes it: the shortest decimal that reads back as the float (0.3, not
   * 0.30000001192092896), what the user wrote in Keras.
   */
  public static double configRate(float rate) {
    return Double.parseDouble(Float.toString(rate));
  }

  /** Checks a Keras dropout rate: {@code 0 <= rate < 1}. */
  public static float checkedRate(float rate, String what) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(what + " must be a fraction of units to drop in [0, 1),"
          + " got " + rate + ": use 0 for no dropout, e.g. 0.2 to drop a fifth of the units"
          + " at training");
    }
    return rate;
  }
}
