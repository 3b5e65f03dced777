package dev.rnnkit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Conv1D, MaxPooling1D, AveragePooling1D and Flatten against Keras 3.15.1's own predictions
 * (torch backend; Keras's numpy backend hands convolution to JAX, which is not available here),
 * every padding mode, stride and dilation, for a fixed and an open number of steps. Inputs and
 * weights come from formulas that the generating script evaluated the same way ({@link #input},
 * {@link #weight}): {@code Sequential([Input((T, 2)), layer])}, {@code layer.set_weights(...)},
 * {@code predict(x)}.
 */
class ConvPoolingKerasTest {

  static Stream<Arguments> kerasCases() {
    return Stream.of(
        Arguments.of("conv k3 valid",
            new Conv1D("c", 2, 3, 1, Padding.VALID, 1, Activation.LINEAR, true),
            7, new long[] {2, 5, 2},
            new float[] {
                -0.44567055f, 0.028380198f, 0.055174273f, -0.03935383f, 0.3814229f, 0.041245468f,
                -0.008518916f, 0.13637786f, -0.46732205f, 0.08811736f, 0.25401896f, 0.10197892f,
                -0.30165094f, 0.13074489f, -0.4395638f, 0.025469024f, 0.069224894f, -0.039083812f,
                0.38009238f, 0.044248328f}),
        Arguments.of("conv k4 same",
            new Conv1D("c", 2, 4, 1, Padding.SAME, 1, Activation.LINEAR, true),
            7, new long[] {2, 7, 2},
            new float[] {
                -0.31259826f, -0.317604f, -0.2663687f, -0.27335262f, 0.56680125f, 0.2252335f,
                0.3760406f, 0.43292058f, -0.5219755f, 0.004934322f, -0.46732205f, 0.08811736f,
                0.20450415f, 0.13294512f, 0.11934419f, 0.3403496f, -0.09174372f, 0.26524937f,
                -0.743341f, -0.24436994f, -0.24394664f, -0.26531577f, 0.57741195f, 0.23718327f,
                0.38009238f, 0.044248328f, -0.3706329f, -0.15842576f}),
        Arguments.of("conv k3 same s2",
            new Conv1D("c", 2, 3, 2, Padding.SAME, 1, Activation.LINEAR, true),
            7, new long[] {2, 4, 2},
            new float[] {
                0.13807791f, 0.04955264f, 0.055174273f, -0.03935383f, -0.008518916f, 0.13637786f,
                0.20450415f, 0.13294512f, -0.20480926f, -0.09026642f, -0.30165094f, 0.13074489f,
                0.069224894f, -0.039083812f, -0.3706329f, -0.15842576f}),
        Arguments.of("conv k4 same s3",
            new Conv1D("c", 2, 4, 3, Padding.SAME, 1, Activation.LINEAR, true),
            7, new long[] {2, 3, 2},
            new float[] {
                -0.31259826f, -0.317604f, 0.3760406f, 0.43292058f, 0.20450415f, 0.13294512f,
                0.11934419f, 0.3403496f, -0.24394664f, -0.26531577f, -0.3706329f, -0.15842576f}),
        Arguments.of("conv k2 causal d2 relu",
            new Conv1D("c", 2, 2, 1, Padding.CAUSAL, 2, Activation.RELU, true),
            7, new long[] {2, 7, 2},
            new float[] {
                0.050095495f, 0.0f, 0.3649446f, 0.277073f, 0.0f, 0.15894696f, 0.0f, 0.0f,
                0.24834995f, 0.0f, 0.1516063f, 0.25396758f, 0.0f, 0.32091123f, 0.0f, 0.33983758f,
                0.0f, 0.0f, 0.27552748f, 0.05685575f, 0.0f, 0.36127204f, 0.0f, 0.14895636f, 0.0f,
                0.0f, 0.25332975f, 0.0f}),
        Arguments.of("conv k3 valid d2 nobias",
            new Conv1D("c", 2, 3, 1, Padding.VALID, 2, Activation.LINEAR, false),
            7, new long[] {2, 3, 2},
            new float[] {
                0.024408206f, -0.17129043f, 0.25772536f, 0.01201375f, 0.063201524f, 0.17537436f,
                -0.11701279f, 0.14407825f, -0.24700786f, -0.075638555f, 0.03304632f, -0.16979033f}),
        Arguments.of("conv k3 causal s2 tanh",
            new Conv1D("c", 2, 3, 2, Padding.CAUSAL, 1, Activation.TANH, true),
            7, new long[] {2, 4, 2},
            new float[] {
                0.39453354f, 0.04538767f, -0.4183337f, 0.028372582f, 0.36394253f, 0.041222095f,
                -0.43603304f, 0.08789f, -0.45250624f, -0.10596621f, 0.24869281f, 0.101626866f,
                -0.4132828f, 0.025463518f, 0.3627877f, 0.04421947f}),
        Arguments.of("conv k3 same d3",
            new Conv1D("c", 2, 3, 1, Padding.SAME, 3, Activation.LINEAR, true),
            7, new long[] {2, 7, 2},
            new float[] {
                -0.18652315f, -0.7613578f, 0.7217597f, -0.0031643882f, 0.3488707f, 0.8432855f,
                -1.0595351f, -0.027005311f, 0.07355519f, -0.69554853f, 0.7663874f, 0.2505179f,
                0.10396291f, 0.8637114f, -0.21861467f, 0.77339476f, -0.8676194f, -0.19891f,
                -0.15932214f, -0.75800776f, 0.9423684f, 0.45219344f, -0.46075565f, 0.62198186f,
                -0.81524247f, -0.42650384f, 0.1006235f, -0.6839618f}),
        Arguments.of("max p2",
            new MaxPooling1D(2), 7, new long[] {2, 3, 2},
            new float[] {
                0.9916648f, 0.84147096f, 0.041580662f, -0.6118579f, 0.8504366f, 0.98935825f,
                -0.62507063f, -0.35822928f, 0.98677194f, 0.8591618f, 0.007963183f, -0.6381067f}),
        Arguments.of("max p3 s2 same",
            new MaxPooling1D("p", 3, 2, Padding.SAME), 7, new long[] {2, 4, 2},
            new float[] {
                0.9916648f, 0.84147096f, 0.9916648f,
                0.6754632f, 0.8504366f, 0.98935825f, 0.8504366f,
                0.98935825f, -0.62507063f, -0.35822928f, 0.98677194f, 0.8591618f, 0.98677194f,
                0.65028787f, -0.34248063f, 0.34331492f}),
        Arguments.of("max p4 s1 same",
            new MaxPooling1D("p", 4, 1, Padding.SAME), 7, new long[] {2, 7, 2},
            new float[] {
                0.9916648f, 0.84147096f, 0.9916648f,
                0.84147096f, 0.9916648f, 0.6754632f, 0.8504366f,
                0.98935825f, 0.8504366f, 0.98935825f, 0.8504366f, 0.98935825f, 0.8504366f,
                0.98935825f, 0.32747445f, 0.8591618f, 0.98677194f, 0.8591618f, 0.98677194f,
                0.8591618f, 0.98677194f, 0.8591618f, 0.98677194f, 0.65028787f, 0.007963183f,
                0.34331492f, -0.34248063f, 0.34331492f}),
        Arguments.of("max p3 s1 valid",
            new MaxPooling1D("p", 3, 1, Padding.VALID), 7, new long[] {2, 5, 2},
            new float[] {
                0.9916648f, 0.84147096f, 0.9916648f, 0.6754632f, 0.041580662f, 0.31154135f,
                0.8504366f, 0.98935825f, 0.8504366f, 0.98935825f, 0.32747445f, 0.8591618f,
                0.98677194f, 0.8591618f, 0.98677194f, 0.8591618f, 0.98677194f, 0.65028787f,
                0.007963183f, 0.34331492f}),
        Arguments.of("avg p3 s2 valid",
            new AveragePooling1D("p", 3, 2, Padding.VALID), 7, new long[] {2, 3, 2},
            new float[] {
                0.4429219f, 0.3016921f, -0.4366087f, -0.3945904f, 0.3798431f, 0.44189167f,
                -0.39101613f, -0.16000122f, 0.44073653f, 0.29044768f, -0.43952748f, -0.38733134f}),
        Arguments.of("avg p2 s1 same",
            new AveragePooling1D("p", 2, 1, Padding.SAME), 7, new long[] {2, 7, 2},
            new float[] {
                0.64359254f, 0.7584671f, 0.5166227f, 0.031802654f, -0.46797472f, -0.7476563f,
                -0.6757034f, -0.28595668f, 0.23827998f, 0.6504498f, 0.7567029f, 0.50706685f,
                0.66296923f, 0.024775425f, -0.7502614f, -0.6695827f, -0.27398884f, 0.25046626f,
                0.6571232f, 0.75472486f, 0.49736756f, 0.0060905814f, -0.4880509f, -0.75265443f,
                -0.6632728f, -0.26194364f, -0.34248063f, 0.34331492f}),
        Arguments.of("avg p3 s1 same",
            new AveragePooling1D("p", 3, 1, Padding.SAME), 7, new long[] {2, 7, 2},
            new float[] {
                0.64359254f, 0.7584671f, 0.4429219f, 0.3016921f, 0.018571774f, -0.27328312f,
                -0.4366087f, -0.3945904f, -0.16699006f, 0.1391483f, 0.3798431f, 0.44189167f,
                0.7567029f, 0.50706685f, -0.7502614f, -0.6695827f, -0.39101613f, -0.16000122f,
                0.14626475f, 0.3837401f, 0.44073653f, 0.29044768f, 0.0035567086f, -0.285007f,
                -0.43952748f, -0.38733134f, -0.6632728f, -0.26194364f}),
        Arguments.of("avg p2 same",
            new AveragePooling1D("p", 2, 2, Padding.SAME), 7, new long[] {2, 4, 2},
            new float[] {
                0.64359254f, 0.7584671f, -0.46797472f, -0.7476563f, 0.23827998f, 0.6504498f,
                0.66296923f, 0.024775425f, -0.7502614f, -0.6695827f, 0.6571232f, 0.75472486f,
                -0.4880509f, -0.75265443f, -0.34248063f, 0.34331492f}),
        Arguments.of("flatten",
            new Flatten("f"), 3, new long[] {2, 6},
            new float[] {
                0.29552022f, 0.84147096f, 0.9916648f, 0.6754632f, 0.041580662f, -0.6118579f,
                -0.9775301f, -0.8834547f, -0.37387666f, 0.31154135f, 0.8504366f, 0.98935825f}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kerasCases")
  void predictsWhatKerasPredicts(String label, Layer layer, int steps, long[] shape,
      float[] expected) {
    float[] x = input(2 * steps * 2);
    Shape known = Shape.of(-1, steps, 2);
    long[] perSample = Arrays.copyOfRange(shape, 1, shape.length);
    long[] outputShape = layer.outputShape(known).asArray();
    assertArrayEquals(perSample, Arrays.copyOfRange(outputShape, 1, outputShape.length),
        label + ": Keras's output shape");
    assertArrayEquals(expected, run(layer, x, 2, steps, known), 1e-5f, label);
    if (!(layer instanceof Flatten)) {
      assertArrayEquals(expected, run(layer, x, 2, steps, Shape.of(-1, -1, 2)), 1e-5f,
          label + ", open length");
    }
  }

  /** Shapes with open (-1) dimensions, which {@link Shape#equals} never finds equal. */
  static void assertShape(Shape expected, Shape actual) {
    assertArrayEquals(expected.asArray(), actual.asArray(), "shape " + actual);
  }

  /** The inputs' formula: {@code sin(0.7 i + 0.3)} for the i-th value, row-major. */
  static float[] input(int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) Math.sin(i * 0.7 + 0.3);
    }
    return values;
  }

  /** The weights' formulas: kernel {@code 0.8 cos(1.3 i + 0.1)}, bias {@code 0.1 (i + 1) - 0.15}. */
  static float[] weight(WeightSpec spec) {
    float[] values = new float[(int) spec.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = spec.name().equals("bias") ? (float) (0.1 * (i + 1) - 0.15)
          : (float) (Math.cos(i * 1.3 + 0.1) * 0.8);
    }
    return values;
  }

  /**
   * {@code layer} on {@code x} [batch, steps, features] (row-major), its weights from
   * {@link #weight}, built for {@code inputShape} (an open length feeds a placeholder of unknown
   * length): the output, row-major.
   */
  static float[] run(Layer layer, float[] x, int batch, int steps, Shape inputShape) {
    return run(layer, x, batch, steps, inputShape, ConvPoolingKerasTest::weight);
  }

  /** As above, with each weight's values from {@code weights}. */
  static float[] run(Layer layer, float[] x, int batch, int steps, Shape inputShape,
      Function<WeightSpec, float[]> weightValues) {
    long features = inputShape.get(inputShape.numDimensions() - 1);
    try (Graph graph = new Graph(); Session session = new Session(graph);
        Tensor in = TFloat32.tensorOf(Shape.of(batch, steps, features),
            DataBuffers.of(x, true, false))) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, inputShape.get(1), features)));
      Map<String, Operand<TFloat32>> weights = new HashMap<>();
      for (WeightSpec spec : layer.weightSpecs(Shape.of(-1, steps, features))) {
        weights.put(spec.name(), tf.constant(Shape.of(spec.shape()),
            DataBuffers.of(weightValues.apply(spec), true, false)));
      }
      Operand<TFloat32> output = layer.call(tf, input, inputShape, weights::get);
      try (TFloat32 result = (TFloat32) session.runner().feed(input, in).fetch(output).run()
          .get(0)) {
        float[] out = new float[(int) result.size()];
        result.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }
}
