package dev.rnnkit.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code Dense(units, activation)}: {@code activation(x kernel + bias)} on the last axis,
 * so on a [batch, time, features] input it is applied to every time step. Kernel
 * glorot_uniform, bias zeros.
 */
public record Dense(String name, int units, Activation activation) implements Layer {

  public Dense {
    if (units <= 0) {
      throw new IllegalArgumentException("Dense needs a positive number of units, got " + units);
    }
    if (activation == null) {
      activation = Activation.LINEAR;
    }
  }

  public Dense(int units, Activation activation) {
    this(null, units, activation);
  }

  @Override
  public Layer withName(String newName) {
    return new Dense(newName, units, activation);
  }

  @Override
  public String kerasClassName() {
    return "Dense";
  }

  @Override
  public String defaultNamePrefix() {
    return "dense";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    int rank = inputShape.numDimensions();
    if (rank < 2 || inputShape.get(rank - 1) <= 0) {
      throw new IllegalArgumentException(
          "Dense '" + name + "' needs an input with a known last axis, got " + inputShape);
    }
    long[] dims = inputShape.asArray();
    dims[rank - 1] = units;
    return Shape.of(dims);
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    long in = inputShape.get(inputShape.numDimensions() - 1);
    return List.of(
        new WeightSpec("kernel", new long[] {in, units}, Initializers.glorotUniform()),
        new WeightSpec("bias", new long[] {units}, Initializers.zeros()));
  }

  /** Dense works on the last axis, so it takes either layout. */
  @Override
  public boolean acceptsTimeMajor() {
    return true;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    return activation.apply(tf, preActivation(tf, input, inputShape, weights, layout));
  }

  /** {@code x kernel + bias} before the activation: the logits of a sigmoid output. */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> preActivation(
      Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights, SequenceLayout layout) {
    Operand<TFloat32> x = (Operand<TFloat32>) input;
    int rank = inputShape.numDimensions();
    long in = inputShape.get(rank - 1);
    if (rank == 2) {
      return tf.math.add(tf.linalg.matMul(x, weights.get("kernel")), weights.get("bias"));
    }
    // Apply to the last axis: fold the leading axes into rows for one MatMul.
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y =
        tf.math.add(tf.linalg.matMul(rows, weights.get("kernel")), weights.get("bias"));
    long[] outDims = outputShape(inputShape).asArray();
    if (rank == 3 && outDims[1] < 0) {
      // An open number of steps: the leading axes come from the input at run time.
      Operand<TInt32> leading = tf.slice(tf.shape(x), tf.constant(new int[] {0}),
          tf.constant(new int[] {rank - 1}));
      return tf.reshape(y, tf.concat(List.of(leading, tf.constant(new int[] {units})),
          tf.constant(0)));
    }
    if (rank == 3 && layout == SequenceLayout.TIME_MAJOR) {
      outDims[0] = outDims[1];
      outDims[1] = -1;
    } else {
      outDims[0] = -1;
    }
    return tf.reshape(y, tf.constant(outDims));
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    long rowsPerSample = 1;
    for (int i = 1; i < inputShape.numDimensions() - 1; i++) {
      rowsPerSample *= inputShape.get(i);
    }
    return 2L * rowsPerSample * inputShape.get(inputShape.numDimensions() - 1) * units;
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("units", units);
    config.put("activation", activation.kerasName());
    config.put("use_bias", true);
    return config;
  }
}
