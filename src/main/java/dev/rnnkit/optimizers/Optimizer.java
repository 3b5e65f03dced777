package dev.rnnkit.optimizers;

import dev.rnnkit.layers.WeightGradient;
import java.util.List;
import java.util.Map;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One of Keras's optimizers with its settings (immutable): {@link Adam}, {@link AdamW},
 * {@link RMSprop} or {@link SGD}, each with Keras 3's formulas and defaults, plus the base
 * optimizer's weight decay and gradient clipping ({@link OptimizerOptions}).
 *
 * <p>The learning rate is fed to the graph at every step (so {@code ReduceLROnPlateau} can change
 * it), and the step count lives in Java: Keras's {@code iterations} counts the steps taken, and
 * step {@code t = iterations + 1} is the one being taken (Adam's bias correction uses it).
 */
public sealed interface Optimizer permits Adam, AdamW, RMSprop, SGD {

  /** The learning rate it was configured with (Keras's {@code learning_rate}). */
  float learningRate();

  /** Weight decay and clipping. */
  OptimizerOptions options();

  /** The same optimizer with another learning rate. */
  Optimizer withLearningRate(float lr);

  /** The same optimizer with other weight decay and clipping. */
  Optimizer withOptions(OptimizerOptions options);

  /** Keras's class name: {@code Adam}, {@code AdamW}, {@code RMSprop} or {@code SGD}. */
  String kerasClassName();

  /**
   * Keras's {@code get_config()} keys for these settings ({@code name}, {@code learning_rate}, the
   * optimizer's own keys, and the base keys that are set), floats as the float32 values they are.
   * Every Keras 3 release (3.0 refuses unknown keys) and tf.keras 2.11+ accept it.
   */
  Map<String, Object> kerasConfig();

  /**
   * The names of the slots each weight gets, in groups as Keras creates them: Keras stores the
   * groups one after the other, and within a group the slots of each weight together (Adam: m
   * and v of weight 0, m and v of weight 1, ..., then AMSGrad's v-hat of every weight).
   */
  List<List<String>> slotGroups();

  /** Keras's slot variable name for one of {@link #slotGroups()}'s names ({@code velocity}). */
  String kerasSlotName(String slot);

  /** The name scope of the optimizer's ops and slots ({@code adam}, {@code rmsprop}, ...). */
  default String scope() {
    return kerasClassName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The scalars fed at step {@code t} (1-based) besides the learning rate (Adam: b1^t, b2^t). */
  float[] stepValues(long t);

  /**
   * Adds the slot variables of {@code variables} and, unless {@code gradients} is null, their
   * update from the gradients (see {@link Updates}).
   */
  default Updates build(Ops tf, List<Variable<TFloat32>> variables, List<WeightGradient> gradients) {
    return OptimizerGraph.build(this, tf, variables, gradients);
  }

  /**
   * {@code shared}'s slots and fed scalars with a new update op from {@code gradients}: a second
   * graph of the same variables (another sequence length) updates the same optimizer state.
   * {@code tf} names the new ops' scope.
   */
  default Updates applying(Ops tf, Updates shared, List<Variable<TFloat32>> variables,
      List<WeightGradient> gradients) {
    return OptimizerGraph.applying(this, tf, shared, variables, gradients);
  }

  /** Keras's optimizer of that class name and config (see {@link KerasOptimizerConfig}). */
  static Optimizer fromKeras(String className, Map<String, ?> config) {
    return KerasOptimizerConfig.fromKeras(className, config);
  }

  /**
   * The optimizer a CLI name stands for ({@code adam}, {@code adamw}, {@code rmsprop},
   * {@code sgd}) with Keras's defaults, or that learning rate when {@code learningRate} is
   * not null.
   */
  static Optimizer named(String name, Float learningRate) {
    Optimizer o = KerasOptimizerConfig.fromKeras(name, Map.of());
    return learningRate == null ? o : o.withLearningRate(learningRate);
  }
}
