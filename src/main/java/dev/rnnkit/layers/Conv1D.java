package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Conv1D(filters, kernel_size, strides, padding, dilation_rate, activation,
 * use_bias)} on sequences [batch, time, channels] ({@code data_format='channels_last'},
 * {@code groups=1}): {@code activation(conv(x, kernel) + bias)} with kernel [kernel_size,
 * channels, filters] (glorot_uniform) and bias [filters] (zeros). As in Keras, output step t
 * reads input steps {@code t*strides + j*dilation_rate - pad_before} for j in 0..kernel_size-1,
 * where {@code valid} pads nothing, {@code same} pads TensorFlow's way (the extra step of an odd
 * total at the end) and {@code causal} pads {@code dilation_rate*(kernel_size-1)} steps before.
 *
 * <p>Keras's Conv1D does not support masking: it drops the mask (Keras warns), so this layer
 * passes none on.
 */
public record Conv1D(String name, int filters, int kernelSize, int strides, Padding padding,
    int dilationRate, Activation activation, boolean useBias) implements Layer {

  public Conv1D {
    String layer = "Conv1D '" + name + "'";
    TimeAsImage.requirePositive(filters, "number of filters", layer);
    TimeAsImage.requirePositive(kernelSize, "kernel_size", layer);
    TimeAsImage.requirePositive(strides, "strides", layer);
    TimeAsImage.requirePositive(dilationRate, "dilation_rate", layer);
    if (strides > 1 && dilationRate > 1) {
      // Keras's own refusal (base_conv.py): TensorFlow's kernels do not combine the two.
      throw new IllegalArgumentException(layer + ": strides > 1 is not supported in conjunction"
          + " with dilation_rate > 1 (got strides=" + strides + ", dilation_rate=" + dilationRate
          + "), as in Keras; use one of them");
    }
    padding = padding == null ? Padding.VALID : padding;
    activation = activation == null ? Activation.LINEAR : activation;
  }

  /** {@code Conv1D(filters, kernel_size, activation=...)}: stride 1, valid, with a bias. */
  public Conv1D(int filters, int kernelSize, Activation activation) {
    this(null, filters, kernelSize, 1, Padding.VALID, 1, activation, true);
  }

  /** {@code Conv1D(filters, kernel_size, padding=..., activation=...)}. */
  public Conv1D(int filters, int kernelSize, Padding padding, Activation activation) {
    this(null, filters, kernelSize, 1, padding, 1, activation, true);
  }

  @Override
  public Layer withName(String newName) {
    return new Conv1D(newName, filters, kernelSize, strides, padding, dilationRate, activation,
        useBias);
  }

  @Override
  public String kerasClassName() {
    return "Conv1D";
  }

  @Override
  public String defaultNamePrefix() {
    return "conv1d";
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3 || inputShape.get(2) <= 0) {
      throw new IllegalArgumentException("Conv1D '" + name + "' expects sequences [batch, time,"
          + " channels] with known channels, got " + inputShape);
    }
    long steps = padding.outputSteps(inputShape.get(1), kernelSize, strides, dilationRate,
        "Conv1D '" + name + "'");
    return Shape.of(-1, steps, filters);
  }

  @Override
  public List<WeightSpec> weightSpecs(Shape inputShape) {
    List<WeightSpec> specs = new ArrayList<>();
    specs.add(new WeightSpec("kernel", new long[] {kernelSize, inputShape.get(2), filters},
        Initializers.glorotUniform()));
    if (useBias) {
      specs.add(new WeightSpec("bias", new long[] {filters}, Initializers.zeros()));
    }
    return specs;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> call(Ops tf, Operand<?> input, Shape inputShape, LayerWeights weights,
      SequenceLayout layout) {
    Operand<TFloat32> x = (Operand<TFloat32>) input;
    if (padding == Padding.CAUSAL) {
      // Keras pads the input and convolves it 'valid' (conv1d.py).
      int before = dilationRate * (kernelSize - 1);
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {before, 0}, {0, 0}}), tf.constant(0f));
    }
    Operand<TFloat32> kernel = weights.get("kernel");
    if (dilationRate > 1) {
      kernel = spreadOut(tf, kernel, inputShape.get(2));
    }
    Operand<TFloat32> image = tf.nn.conv2d(TimeAsImage.toImage(tf, x),
        tf.expandDims(kernel, tf.constant(0)), TimeAsImage.alongTime(strides),
        padding == Padding.SAME ? "SAME" : "VALID");
    Operand<TFloat32> y = TimeAsImage.toSequences(tf, image);
    if (useBias) {
      y = tf.math.add(y, weights.get("bias"));
    }
    return activation.apply(tf, y);
  }

  /**
   * The kernel with {@code dilation_rate - 1} zero taps between its taps, [(kernel_size - 1) *
   * dilation_rate + 1, channels, filters]: the dilated convolution as an ordinary one, with the
   * same window span, so the same padding. (Conv2D's own {@code dilations} computes the forward
   * pass, but the gradient of a dilated 'valid' convolution aborts the process in TensorFlow's
   * oneDNN kernels: "could not create a primitive descriptor".) The zero taps add exact zeros;
   * the kernel's gradient reaches only the real taps.
   */
  private Operand<TFloat32> spreadOut(Ops tf, Operand<TFloat32> kernel, long channels) {
    int span = (kernelSize - 1) * dilationRate + 1;
    Operand<TFloat32> spread = tf.pad(tf.expandDims(kernel, tf.constant(1)),
        tf.constant(new int[][] {{0, 0}, {0, dilationRate - 1}, {0, 0}, {0, 0}}),
        tf.constant(0f));
    Operand<TFloat32> taps = tf.reshape(spread,
        tf.constant(new long[] {(long) kernelSize * dilationRate, channels, filters}));
    // int32 bounds: the C++ gradient of Slice subtracts them from an int32 shape.
    return tf.slice(taps, tf.constant(new int[] {0, 0, 0}),
        tf.constant(new int[] {span, Math.toIntExact(channels), filters}));
  }

  /** Keras's Conv1D drops the mask: its output steps mix input steps, masked or not. */
  @Override
  public Operand<TFloat32> outputMask(Ops tf, Operand<?> input, Operand<TFloat32> inputMask,
      Shape inputShape, SequenceLayout layout) {
    return null;
  }

  @Override
  public boolean mixesStepsIgnoringMask() {
    return true;
  }

  @Override
  public long forwardFlopsPerSample(Shape inputShape) {
    long steps = Math.max(1, outputShape(inputShape).get(1));
    return 2L * steps * kernelSize * inputShape.get(2) * filters;
  }

  @Override
  public Map<String, Object> kerasConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("filters", filters);
    config.put("kernel_size", List.of(kernelSize));
    config.put("strides", List.of(strides));
    config.put("padding", padding.kerasName());
    config.put("data_format", "channels_last");
    config.put("dilation_rate", List.of(dilationRate));
    config.put("groups", 1);
    config.put("activation", activation.kerasName());
    config.put("use_bias", useBias);
    return config;
  }
}
