package dev.rnnkit.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code LSTM(units)}: kernel [d, 4u] glorot_uniform, recurrent_kernel [u, 4u] orthogonal,
 * bias [4u] zeros with the forget block at 1 ({@code unit_forget_bias}). Gate blocks in the
 * order i, f, c, o:
 *
 * <pre>
 * i = σ(x Wi + h Ui + bi)   f = σ(x Wf + h Uf + bf)   c~ = tanh(x Wc + h Uc + bc)
 * o = σ(x Wo + h Uo + bo)   c = f*c_prev + i*c~       h = o * tanh(c)
 * </pre>
 */
public final class LSTM extends RecurrentLayer {

  public LSTM(String name, int units, boolean returnSequences) {
    super(name, units, returnSequences);
  }

  public LSTM(int units, boolean returnSequences) {
    this(null, units, returnSequences);
  }

  @Override
  public Layer withName(String newName) {
    return new LSTM(newName, units(), returnSequences());
  }

  @Override
  public String kerasClassName() {
    return "LSTM";
  }

  @Override
  public String defaultNamePrefix() {
    return "lstm";
  }

  @Override
  protected int gateCount() {
    return 4;
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    long d = inputWidth(inputShape);
    int u = units();
    return List.of(
        new WeightSpec("kernel", new long[] {d, 4L * u}, Initializers.glorotUniform()),
        new WeightSpec("recurrent_kernel", new long[] {u, 4L * u}, Initializers.orthogonal()),
        new WeightSpec("bias", new long[] {4L * u}, Initializers.lstmUnitForgetBias(u)));
  }

  @Override
  protected Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> rows, LayerWeights w) {
    return tf.math.add(tf.linalg.matMul(rows, w.get("kernel")), w.get("bias"));
  }

  @Override
  protected State step(Ops tf, Operand<TFloat32> x, State previous, LayerWeights w) {
    Operand<TFloat32> z =
        previous == null ? x : tf.math.add(x, tf.linalg.matMul(previous.h(), w.get("recurrent_kernel")));
    List<Operand<TFloat32>> gates = splitGates(tf, z, 4);
    Operand<TFloat32> i = tf.math.sigmoid(gates.get(0));
    Operand<TFloat32> candidate = tf.math.tanh(gates.get(2));
    Operand<TFloat32> o = tf.math.sigmoid(gates.get(3));
    Operand<TFloat32> c = tf.math.mul(i, candidate);
    if (previous != null) {
      Operand<TFloat32> f = tf.math.sigmoid(gates.get(1));
      c = tf.math.add(tf.math.mul(f, previous.c()), c);
    }
    return new State(tf.math.mul(o, tf.math.tanh(c)), c);
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = super.kerasConfig();
    config.put("unit_forget_bias", true);
    return config;
  }
}
