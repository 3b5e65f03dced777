package dev.rnnkit.model;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.ExplicitGradient;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.LayerWeights;
import dev.rnnkit.layers.Noise;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.SequenceLayout;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.layers.WeightSpec;
import dev.rnnkit.losses.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code Sequential}: an input and a stack of layers, each fed the previous one's
 * output. Immutable; layers without a name get Keras's default names ({@code dense},
 * {@code dense_1}, ...). Weights live in a {@link Model} built from this architecture.
 */
public final class Sequential {

  private final InputSpec input;
  private final List<Layer> layers;
  private final List<Shape> inputShapes; // input shape of each layer

  public Sequential(InputSpec input, List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("A Sequential model needs at least one layer");
    }
    this.input = input;
    this.layers = List.copyOf(uniqueNames(layers));
    List<Shape> shapes = new ArrayList<>();
    Shape shape = input.shape();
    for (Layer layer : this.layers) {
      shapes.add(shape);
      shape = layer.outputShape(shape);
    }
    this.inputShapes = List.copyOf(shapes);
  }

  /**
   * This architecture for batches of {@code timeSteps} steps: the same (named) layers and
   * weights. A model with an open length builds one graph per length from these.
   */
  public Sequential withTimeSteps(int timeSteps) {
    return input.timeSteps() == timeSteps ? this
        : new Sequential(input.withTimeSteps(timeSteps), layers);
  }

  public static Sequential of(InputSpec input, Layer... layers) {
    return new Sequential(input, List.of(layers));
  }

  private static List<Layer> uniqueNames(List<Layer> layers) {
    Set<String> used = new HashSet<>();
    Map<String, Integer> counters = new HashMap<>();
    for (Layer layer : layers) {
      if (layer.name() != null && !used.add(layer.name())) {
        throw new IllegalArgumentException("Two layers are named '" + layer.name() + "'");
      }
    }
    List<Layer> named = new ArrayList<>();
    for (Layer layer : layers) {
      if (layer.name() != null) {
        named.add(layer);
        continue;
      }
      String prefix = layer.defaultNamePrefix();
      String name;
      do {
        int n = counters.merge(prefix, 1, Integer::sum) - 1;
        name = n == 0 ? prefix : prefix + "_" + n;
      } while (!used.add(name));
      named.add(layer.withName(name));
    }
    return named;
  }

  public InputSpec input() {
    return input;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** The input shape of layer {@code i}, batch as -1. */
  public Shape inputShapeOf(int i) {
    return inputShapes.get(i);
  }

  public Shape outputShapeOf(int i) {
    return layers.get(i).outputShape(inputShapes.get(i));
  }

  public Shape outputShape() {
    return outputShapeOf(layers.size() - 1);
  }

  /** Every weight of the model in Keras's order, with its full name {@code layer/weight}. */
  public List<NamedWeightSpec> weightSpecs() {
    List<NamedWeightSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      for (WeightSpec spec : layers.get(i).weightSpecs(inputShapes.get(i))) {
        specs.add(new NamedWeightSpec(layers.get(i).name() + "/" + spec.name(), spec));
      }
    }
    return Collections.unmodifiableList(specs);
  }

  /** A weight spec with its model-wide name. */
  public record NamedWeightSpec(String name, WeightSpec spec) {}

  public long paramCount() {
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      total += layers.get(i).paramCount(inputShapes.get(i));
    }
    return total;
  }

  /** FLOPs of one forward pass of one sample (2 per multiply-add). */
  public long forwardFlopsPerSample() {
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      total += layers.get(i).forwardFlopsPerSample(inputShapes.get(i));
    }
    return total;
  }

  /**
   * The loss Keras users pair with this output: binary cross-entropy for one sigmoid unit,
   * sparse categorical cross-entropy for a softmax over classes, mean squared error otherwise.
   */
  public Loss fittingLoss() {
    if (hasSigmoidOutput()) {
      return Loss.binaryCrossentropy();
    }
    Dense dense = outputDense();
    if (dense != null && dense.activation() == Activation.SIGMOID && dense.units() == 1) {
      return Loss.binaryCrossentropy();
    }
    boolean softmax = dense != null && dense.activation() == Activation.SOFTMAX
        && dense.units() >= 2;
    return softmax ? Loss.sparseCategoricalCrossentropy() : Loss.meanSquaredError();
  }

  /**
   * The Dense layer that makes the output: the last layer, or the Dense inside a last
   * TimeDistributed (Dense on every step); null when the model ends with another layer.
   */
  public Dense outputDense() {
    Layer last = layers.get(layers.size() - 1);
    return last instanceof Dense d ? d : last instanceof TimeDistributed t ? t.layer() : null;
  }

  /** Whether the last layer is a Dense with softmax, whose logits class losses can use. */
  private boolean hasSoftmaxOutput() {
    return layers.get(layers.size() - 1) instanceof Dense d && d.activation() == Activation.SOFTMAX;
  }

  /** Whether the output is one sigmoid unit, so the loss can be computed from its logits. */
  public boolean hasSigmoidOutput() {
    return layers.get(layers.size() - 1) instanceof Dense d && d.activation() == Activation.SIGMOID;
  }

  /**
   * The forward pass's graph tensors. {@code layers} has one entry per layer when the pass was
   * built for training ({@link #trainingForward}), else it is empty. {@code outputMask} is the
   * mask of a sequence output ([batch, time], 1 for the steps that count), or null.
   */
  public record Forward(Operand<TFloat32> output, Operand<TFloat32> logits,
      Activation logitsActivation, List<LayerRun> layers, Operand<TFloat32> outputMask) {

    /**
     * The logits {@code loss} computes from, as Keras's TensorFlow backend does: the
     * pre-sigmoid values for binary cross-entropy of a sigmoid output, the pre-softmax values for
     * (sparse) categorical cross-entropy of a softmax output (Keras's {@code _keras_logits}, so a
     * confidently wrong class keeps its exact loss and its gradient); null otherwise.
     */
    public Operand<TFloat32> logitsFor(Loss loss) {
      boolean binary = loss.isBinaryClassification() && logitsActivation == Activation.SIGMOID;
      boolean classes = (loss.isCategorical() || loss.isSparseCategorical())
          && logitsActivation == Activation.SOFTMAX;
      return binary || classes ? logits : null;
    }
  }

  /**
   * One layer as built into a training graph: its input and output tensors and, for a layer with
   * a hand-written backward pass, that pass (null otherwise).
   */
  public record LayerRun(Layer layer, Operand<?> input, Operand<TFloat32> output, ExplicitGradient.Pass pass) {}

  /**
   * Builds the forward pass on {@code input}. {@code weights} maps (layer name, weight name) to
   * the graph tensor of that weight. For a sigmoid or softmax output, the pre-activation logits are
   * kept too.
   */
  public Forward forward(
      Ops tf, Operand<?> inputTensor, BiFunction<String, String, Operand<TFloat32>> weights) {
    return build(tf, inputTensor, weights, false, false, null);
  }

  /**
   * As {@link #forward}, for inputs whose padding (id 0, or all-0.0 steps under {@code
   * Masking(0.0)}) comes only after each sequence's own steps ({@code postPadded}): masked
   * recurrent layers may then keep their fused kernels. The results are the same as
   * {@link #forward}'s for such inputs, and wrong for others.
   */
  public Forward forward(Ops tf, Operand<?> inputTensor,
      BiFunction<String, String, Operand<TFloat32>> weights, boolean postPadded) {
    return build(tf, inputTensor, weights, false, postPadded, null);
  }

  /**
   * The forward pass of a training graph: as {@link #forward}, with each layer's tensors kept and
   * hand-written backward passes prepared, so the gradient can be built layer by layer.
   */
  public Forward trainingForward(
      Ops tf, Operand<?> inputTensor, BiFunction<String, String, Operand<TFloat32>> weights) {
    return build(tf, inputTensor, weights, true, false, null);
  }

  /** {@link #trainingForward} for post-padded inputs, as {@link #forward(Ops, Operand, BiFunction, boolean)}. */
  public Forward trainingForward(Ops tf, Operand<?> inputTensor,
      BiFunction<String, String, Operand<TFloat32>> weights, boolean postPadded) {
    return build(tf, inputTensor, weights, true, postPadded, null);
  }

  /**
   * {@link #trainingForward(Ops, Operand, BiFunction, boolean)} with dropout: layers that drop
   * units at training draw their masks from {@code noise} (the identity unless a run feeds its
   * training flag).
   */
  public Forward trainingForward(Ops tf, Operand<?> inputTensor,
      BiFunction<String, String, Operand<TFloat32>> weights, boolean postPadded, Noise noise) {
    return build(tf, inputTensor, weights, true, postPadded, noise);
  }

  /**
   * The forward pass of a serving graph that takes batches of any length, for a model with an
   * open length whose every layer computes any length in one graph ({@link
   * Layer#needsKnownLength}). For a model that masks padding (Embedding(mask_zero=True) or
   * Masking(0.0) first), each row's unmasked steps are first moved ahead of its masked ones, in
   * order: Keras's masked RNN skips masked steps wherever they are, so the output of its last
   * step is the same, and the fused kernels read the rows with their lengths.
   *
   * @throws IllegalStateException naming why the model cannot serve every length
   */
  public Forward servingForward(Ops tf, Operand<?> inputTensor,
      BiFunction<String, String, Operand<TFloat32>> weights) {
    String why = whyNoServingOfAnyLength();
    if (why != null) {
      throw new IllegalStateException(why);
    }
    if (!LengthGraphs.masksPadding(this)) {
      return forward(tf, inputTensor, weights);
    }
    return forward(tf, PaddingToEnd.apply(tf.withSubScope("padding_to_end"), inputTensor),
        weights, true);
  }

  /** Why {@link #servingForward} cannot build this model, or null when it can. */
  public String whyNoServingOfAnyLength() {
    if (!input.isOpenLength()) {
      return null;
    }
    for (Layer layer : layers) {
      if (layer.needsKnownLength()) {
        return layer.kerasClassName() + " '" + layer.name() + "' is unrolled over a known number"
            + " of time steps, so a graph of it serves one length: give the model a fixed length"
            + " (train with --max-length N, import with --time-steps N)";
      }
    }
    if (LengthGraphs.masksPadding(this) && outputShape().numDimensions() == 3) {
      return "The model outputs a masked sequence, whose steps a graph for any length would"
          + " move: give the model a fixed length (train with --max-length N, import with"
          + " --time-steps N)";
    }
    return null;
  }

  /**
   * The layout of sequences between this model's layers: time-major when it has a recurrent
   * layer (or a Bidirectional one) and every layer takes that layout, which spares the recurrent
   * layers' transposes at both ends (and those of their gradients); the output is transposed
   * back once. Batch-major
   * otherwise. Measured on the article's models, batch 32: training step LSTM -12%, GRU -4%.
   */
  public SequenceLayout sequenceLayout() {
    boolean recurrent = layers.stream()
        .anyMatch(l -> l instanceof RecurrentLayer || l instanceof Bidirectional);
    boolean allAccept = layers.stream().allMatch(Layer::acceptsTimeMajor);
    return recurrent && allAccept ? SequenceLayout.TIME_MAJOR : SequenceLayout.BATCH_MAJOR;
  }

  @SuppressWarnings("unchecked")
  private Forward build(Ops tf, Operand<?> inputTensor,
      BiFunction<String, String, Operand<TFloat32>> weights, boolean training,
      boolean postPadded, Noise noise) {
    SequenceLayout layout = sequenceLayout();
    Operand<?> x = input.shape().numDimensions() == 3
        ? layout.fromBatchMajor(tf, (Operand<TFloat32>) inputTensor) : inputTensor;
    Operand<TFloat32> logits = null;
    Operand<TFloat32> mask = null;
    Operand<TInt32> lengths = null; // of post-padded inputs: each row's unmasked steps
    List<LayerRun> runs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      Ops scoped = tf.withSubScope(layer.name());
      LayerWeights lw = w -> weights.apply(layer.name(), w);
      boolean last = i == layers.size() - 1;
      Operand<?> layerInput = x;
      ExplicitGradient.Pass pass = null;
      Operand<TFloat32> output;
      if (last && (hasSigmoidOutput() || hasSoftmaxOutput())) {
        logits = batchMajor(tf, ((Dense) layer).preActivation(scoped, x, inputShapes.get(i), lw, layout), i, layout);
        output = ((Dense) layer).activation().apply(scoped, logits);
      } else if (training && mask == null && layer instanceof ExplicitGradient explicit
          && explicit.hasExplicitGradient()) {
        // Hand-written backward passes know no masks: a masked layer is differentiated by TF.
        pass = explicit.forwardPass(scoped, x, inputShapes.get(i), lw, layout, noise);
        output = pass.output();
      } else {
        output = layer.call(scoped, x, inputShapes.get(i), lw, layout, mask, lengths, noise);
      }
      Operand<TFloat32> inputMask = mask;
      mask = layer.outputMask(scoped, layerInput, mask, inputShapes.get(i), layout);
      if (postPadded && mask != null && mask != inputMask) {
        lengths = scoped.dtypes.cast(
            scoped.reduceSum(mask, scoped.constant(layout.timeAxis())), TInt32.class);
      } else if (mask == null) {
        lengths = null;
      }
      runs.add(new LayerRun(layer, layerInput, output, pass)); // the pass's gradient comes in its layout
      x = last && logits == null ? batchMajor(tf, output, i, layout) : output;
    }
    @SuppressWarnings("unchecked")
    Operand<TFloat32> output = (Operand<TFloat32>) x;
    if (mask != null && layout == SequenceLayout.TIME_MAJOR) {
      mask = tf.linalg.transpose(mask, tf.constant(new int[] {1, 0}));
    }
    Activation logitsActivation = logits == null ? null
        : ((Dense) layers.get(layers.size() - 1)).activation();
    return new Forward(output, logits, logitsActivation, training ? List.copyOf(runs) : List.of(),
        mask);
  }

  /** The model's output (or logits) as Keras gives it: sequences batch-major. */
  private Operand<TFloat32> batchMajor(Ops tf, Operand<TFloat32> x, int layer, SequenceLayout layout) {
    return outputShapeOf(layer).numDimensions() == 3 ? layout.toBatchMajor(tf, x) : x;
  }

  /** Keras's {@code model.summary()} table. */
  public String summary() {
    return ModelSummary.of(this);
  }

  @Override
  public String toString() {
    return summary();
  }
}
