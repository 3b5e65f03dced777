package dev.rnnkit.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code SimpleRNN(units, activation='tanh', use_bias=True)}: kernel [d, u]
 * glorot_uniform, recurrent_kernel [u, u] orthogonal, bias [u] zeros, and one step is
 * <pre>
 * h = activation(x W + b + h_prev U)
 * </pre>
 * in Keras's order of additions. {@code go_backwards} and masks are the base class's, as in
 * Keras's RNN. Of {@link RecurrentOptions} it uses go_backwards, use_bias and activation; a
 * SimpleRNN has no gates, so {@code recurrentActivation} and {@code unitForgetBias} are unused.
 */
public final class SimpleRNN extends RecurrentLayer {

  /** A SimpleRNN with Keras's other options: go_backwards, use_bias, activation. */
  public SimpleRNN(String name, int units, boolean returnSequences, RecurrentOptions options) {
    super(name, units, returnSequences, options);
  }

  /** A SimpleRNN with Keras's defaults: tanh, a bias, forward. */
  public SimpleRNN(String name, int units, boolean returnSequences) {
    this(name, units, returnSequences, RecurrentOptions.DEFAULTS);
  }

  public SimpleRNN(int units, boolean returnSequences) {
    this(null, units, returnSequences);
  }

  @Override
  public SimpleRNN withOptions(RecurrentOptions newOptions) {
    return new SimpleRNN(name(), units(), returnSequences(), newOptions);
  }

  @Override
  public Layer withName(String newName) {
    return new SimpleRNN(newName, units(), returnSequences(), options());
  }

  @Override
  public String kerasClassName() {
    return "SimpleRNN";
  }

  @Override
  public String defaultNamePrefix() {
    return "simple_rnn";
  }

  @Override
  protected int gateCount() {
    return 1;
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    return cellWeightSpecs(inputShape, new long[] {units()}, Initializers.zeros());
  }

  /** At the first step h_prev is zero, so h_prev U is exactly zero and is left out. */
  @Override
  protected State step(Ops tf, Operand<TFloat32> x, State previous, LayerWeights w,
      List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> z = previous == null ? x : tf.math.add(x,
        recurrentProduct(tf, previous.h(), w.get("recurrent_kernel"), recurrentMasks));
    return new State(activation(tf, z), null);
  }

  /** Keras's SimpleRNN config has no recurrent_activation (its from_config would refuse one). */
  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = super.kerasConfig();
    config.remove("recurrent_activation");
    return config;
  }
}
