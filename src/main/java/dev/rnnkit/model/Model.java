package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.WeightGradient;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.train.Evaluation;
import dev.rnnkit.train.FitLoop;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.train.StepMetrics;
import dev.rnnkit.train.StepRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A compiled model: a {@link Sequential} architecture built into a TensorFlow graph with its
 * weights, loss and Adam optimizer, in a session. Keras's {@code model.compile(...)} followed by
 * {@code fit}, {@code evaluate} and {@code predict}. Close it to free native memory.
 */
public final class Model implements StepRunner, AutoCloseable {

  private final Sequential architecture;
  private final Adam optimizer;
  private final Loss loss;
  private final Graph graph;
  private final Session session;
  private final Placeholder<?> input;
  private final Placeholder<TFloat32> labels;
  private final Sequential.Forward forward;
  private final Operand<TFloat32> lossValue;
  private final Operand<TFloat32> correctAll;
  private final Operand<TFloat32> correctLast;
  private final List<Variable<TFloat32>> variables = new ArrayList<>();
  private final List<Sequential.NamedWeightSpec> specs;
  private final WeightVariables weightVariables;
  private final List<Operand<?>> gradients = new ArrayList<>();
  private final Adam.Updates updates;
  private long iterations;

  private Model(Sequential architecture, Adam optimizer, Loss loss, long seed) {
    this.architecture = architecture;
    this.optimizer = optimizer;
    this.loss = loss;
    this.specs = architecture.weightSpecs();
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      InputSpec in = architecture.input();
      input =
          in.isTokens()
              ? tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(in.shape()))
              : tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(in.shape()));
      labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      weightVariables = WeightVariables.create(tf, architecture);
      variables.addAll(weightVariables.variables());
      forward = architecture.trainingForward(tf, input, weightVariables::get);
      Operand<TFloat32> broadcastLabels = broadcastLabels(tf, labels, forward.output());
      lossValue = loss.build(tf, broadcastLabels, forward.output(), forward.logits());
      correctAll = countCorrect(tf, forward.output(), broadcastLabels);
      correctLast = countCorrect(tf, lastStep(tf, forward.output()), lastStep(tf, broadcastLabels));
      // Backpropagation starts at the logits when the loss writes its gradient there out.
      Operand<TFloat32> logitsGradient =
          loss.logitsGradient(tf, broadcastLabels, forward.output(), forward.logits());
      List<WeightGradient> weightGradients = Backpropagation.build(tf,
          logitsGradient == null ? lossValue : forward.logits(), logitsGradient,
          forward.layers(), specs, weightVariables);
      for (int i = 0; i < specs.size(); i++) {
        // Only fetched by gradients(); a training step never runs these.
        gradients.add(weightGradients.get(i).toDense(tf, specs.get(i).spec().shape()[0]));
      }
      updates = optimizer.build(tf, variables, weightGradients);
      created = new Session(graph, sessionConfig());
      session = created;
      Session.Runner init = session.runner();
      updates.slotInitializers().forEach(init::addTarget);
      init.run().close();
      setWeights(initialWeights(seed));
    } catch (RuntimeException e) {
      // A graph waits for its sessions before it closes: close the session first, or the
      // error would turn into a hang.
      if (created != null) {
        created.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * One thread inside each op, several ops at once: an RNN step's MatMuls are too small to split
   * across cores, while independent ops (gates, the two Dense paths, gradients of different
   * weights) can run side by side. Measured on 2 cores, quiet machine, batch 32: LSTM 5.8-6.5 ms
   * and GRU 7.3-7.6 ms per training step, against 7.2-8.7 and 8.5-10.0 with TensorFlow's default.
   */
  static org.tensorflow.proto.ConfigProto sessionConfig() {
    return org.tensorflow.proto.ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .build();
  }

  /** Compiles with Keras's Adam defaults and binary cross-entropy (the article's setting). */
  public static Model compile(Sequential architecture, long seed) {
    return new Model(architecture, Adam.keras(), Loss.binaryCrossentropy(), seed);
  }

  /** Compiles with an explicit optimizer and loss; initial weights are drawn from {@code seed}. */
  public static Model compile(Sequential architecture, Adam optimizer, Loss loss, long seed) {
    return new Model(architecture, optimizer, loss, seed);
  }

  /** Training and evaluation compare one label per sequence with every output value. */
  private void checkTrainable() {
    Shape out = architecture.outputShape();
    if (out.get(out.numDimensions() - 1) != 1) {
      throw new IllegalArgumentException(
          "Training needs one output unit per step (one label per sequence), but the last layer"
              + " outputs " + ModelSummary.shapeText(out) + ": end the model with Dense(1, ...)");
    }
  }

  /** Labels [batch] reshaped to [batch, 1, ...] so they broadcast over the output's time steps. */
  private static Operand<TFloat32> broadcastLabels(
      Ops tf, Operand<TFloat32> labels, Operand<TFloat32> output) {
    int rank = output.shape().numDimensions();
    long[] dims = new long[rank];
    java.util.Arrays.fill(dims, 1);
    dims[0] = -1;
    return tf.reshape(labels, tf.constant(dims));
  }

  /** For a [batch, time, units] tensor, its last step [batch, units]; otherwise itself. */
  private static Operand<TFloat32> lastStep(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 3) {
      return x;
    }
    return tf.stridedSlice(x, Indices.all(), Indices.at(-1), Indices.all());
  }

  /** Keras's BinaryAccuracy counts: (output > 0.5) == label, summed. */
  private static Operand<TFloat32> countCorrect(
      Ops tf, Operand<TFloat32> output, Operand<TFloat32> labels) {
    Operand<TFloat32> predicted =
        tf.dtypes.cast(tf.math.greater(output, tf.constant(0.5f)), TFloat32.class);
    Operand<TFloat32> correct =
        tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
    Operand<TFloat32> broadcast = tf.math.mul(correct, tf.onesLike(output));
    return tf.reduceSum(broadcast, tf.range(tf.constant(0), tf.rank(broadcast), tf.constant(1)));
  }

  private List<Weight> initialWeights(long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<Weight> weights = new ArrayList<>();
    for (Sequential.NamedWeightSpec spec : specs) {
      SplittableRandom random = root.split();
      long[] shape = spec.spec().shape();
      weights.add(new Weight(spec.name(), shape, spec.spec().initializer().initialize(shape, random)));
    }
    return weights;
  }

  public Sequential architecture() {
    return architecture;
  }

  public Adam optimizer() {
    return optimizer;
  }

  public Loss loss() {
    return loss;
  }

  /** Optimizer steps taken so far (Keras's {@code optimizer.iterations}). */
  public long iterations() {
    return iterations;
  }

  public String summary() {
    return architecture.summary();
  }

  /** The current weights, in the architecture's order. */
  public List<Weight> weights() {
    return weightVariables.read(session);
  }

  /** Replaces every weight; names and shapes must match the architecture's. */
  public void setWeights(List<Weight> weights) {
    weightVariables.assign(session, weights);
  }

  /** Adam's step count and slots, for checkpoints. */
  public OptimizerState optimizerState() {
    Session.Runner runner = session.runner();
    updates.slots().forEach(runner::fetch);
    List<Weight> slots = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < updates.slots().size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        slots.add(new Weight(updates.slots().get(i).op().name(), t.shape().asArray(), values));
      }
    }
    return new OptimizerState(iterations, slots);
  }

  /** Restores what {@link #optimizerState()} returned (from a model of the same architecture). */
  public void setOptimizerState(OptimizerState state) {
    List<Variable<TFloat32>> slots = updates.slots();
    if (state.slots().size() != slots.size()) {
      throw new IllegalArgumentException("The optimizer state has " + state.slots().size()
          + " slots but this model has " + slots.size() + ": it was saved from another architecture");
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < slots.size(); i++) {
        Weight w = state.slots().get(i);
        if (!w.name().equals(slots.get(i).op().name())
            || !java.util.Arrays.equals(w.shape(), slots.get(i).shape().asArray())) {
          throw new IllegalArgumentException("Optimizer slot " + w + " does not match this model's "
              + slots.get(i).op().name() + slots.get(i).shape());
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(w.values(), true, false));
        tensors.add(t);
        runner.feed(updates.slotValues().get(i), t).addTarget(updates.slotAssigns().get(i));
      }
      runner.run().close();
      iterations = state.iterations();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /** Keras's {@code fit}. */
  public History fit(SequenceData data, FitOptions options) {
    checkTrainable();
    checkData(data, true, "training");
    if (options.validationData() != null) {
      checkData(options.validationData(), true, "validation");
    }
    return FitLoop.fit(this, data, options);
  }

  @Override
  public StepMetrics trainStep(SequenceData data, int[] order, int from, int to) {
    return runTrainStep(data, order, from, to, null).metrics();
  }

  /**
   * One training step (it updates the weights like {@link #trainStep}) run with TensorFlow's full
   * trace: the start and duration of every op, for profiling.
   */
  public org.tensorflow.proto.RunMetadata traceTrainStep(SequenceData data, int[] order, int from, int to) {
    return runTrainStep(data, order, from, to, org.tensorflow.proto.RunOptions.newBuilder()
        .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build()).trace();
  }

  private record StepRun(StepMetrics metrics, org.tensorflow.proto.RunMetadata trace) {}

  private StepRun runTrainStep(SequenceData data, int[] order, int from, int to,
      org.tensorflow.proto.RunOptions traceOptions) {
    long t = iterations + 1;
    try (Tensor x = data.inputBatch(order, from, to);
        TFloat32 y = data.labelBatch(order, from, to);
        TFloat32 b1 = TFloat32.scalarOf(optimizer.beta1Power(t));
        TFloat32 b2 = TFloat32.scalarOf(optimizer.beta2Power(t))) {
      Session.Runner runner = session.runner()
          .feed(input, x)
          .feed(labels, y)
          .feed(updates.beta1Power(), b1)
          .feed(updates.beta2Power(), b2)
          .addTarget(updates.apply())
          .fetch(lossValue)
          .fetch(correctAll)
          .fetch(correctLast);
      if (traceOptions != null) {
        runner.setOptions(traceOptions);
      }
      try (Result r = traceOptions != null ? runner.runAndFetchMetadata() : runner.run()) {
        iterations = t;
        return new StepRun(metrics(r, to - from), r.getMetadata().orElse(null));
      }
    }
  }

  private StepMetrics metrics(Result r, int rows) {
    long perSampleAll = elementsPerSample(forward.output().shape());
    long perSampleLast = forward.output().shape().numDimensions() == 3
        ? forward.output().shape().get(2) : perSampleAll;
    return new StepMetrics(
        ((TFloat32) r.get(0)).getFloat(), rows,
        ((TFloat32) r.get(1)).getFloat(), rows * perSampleAll,
        ((TFloat32) r.get(2)).getFloat(), rows * perSampleLast);
  }

  private static long elementsPerSample(Shape shape) {
    long n = 1;
    for (int i = 1; i < shape.numDimensions(); i++) {
      n *= shape.get(i);
    }
    return n;
  }

  /** Gradients of the loss on one batch, in weight order, without updating anything. */
  public List<float[]> gradients(SequenceData data) {
    checkTrainable();
    checkData(data, true, "gradient");
    int[] order = data.naturalOrder();
    try (Tensor x = data.inputBatch(order, 0, data.size());
        TFloat32 y = data.labelBatch(order, 0, data.size())) {
      Session.Runner runner = session.runner().feed(input, x).feed(labels, y);
      gradients.forEach(runner::fetch);
      try (Result r = runner.run()) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < gradients.size(); i++) {
          TFloat32 g = (TFloat32) r.get(i);
          float[] values = new float[(int) g.size()];
          g.copyTo(DataBuffers.of(values, false, false));
          out.add(values);
        }
        return out;
      }
    }
  }

  /** Keras's {@code evaluate}: loss and accuracy over the data, in batches. */
  @Override
  public Evaluation evaluate(SequenceData data, int batchSize) {
    checkTrainable();
    checkBatchSize(batchSize);
    checkData(data, true, "evaluation");
    if (data.size() == 0) {
      throw new IllegalArgumentException("No data to evaluate: the data set has 0 sequences");
    }
    int[] order = data.naturalOrder();
    List<StepMetrics> perBatch = ParallelBatches.map(batchCount(data, batchSize), inferenceThreads(),
        b -> evaluateBatch(data, order, b * batchSize, batchEnd(data, batchSize, b)));
    double lossSum = 0;
    double all = 0;
    double last = 0;
    long countAll = 0;
    long countLast = 0;
    for (StepMetrics m : perBatch) {
      lossSum += m.loss() * m.samples();
      all += m.correctAll();
      last += m.correctLast();
      countAll += m.countAll();
      countLast += m.countLast();
    }
    boolean acc = loss.isBinaryClassification();
    return new Evaluation(
        lossSum / data.size(),
        acc ? all / countAll : Double.NaN,
        acc ? last / countLast : Double.NaN,
        data.size());
  }

  private StepMetrics evaluateBatch(SequenceData data, int[] order, int from, int to) {
    try (Tensor x = data.inputBatch(order, from, to);
        TFloat32 y = data.labelBatch(order, from, to);
        Result r = session.runner().feed(input, x).feed(labels, y)
            .fetch(lossValue).fetch(correctAll).fetch(correctLast).run()) {
      return metrics(r, to - from);
    }
  }

  /** Batches of {@code batchSize} that cover the data (written so that no sum overflows). */
  private static int batchCount(SequenceData data, int batchSize) {
    return data.size() == 0 ? 0 : (data.size() - 1) / batchSize + 1;
  }

  /** The end of batch {@code b}: the next one's start, or the data's end. */
  private static int batchEnd(SequenceData data, int batchSize, int b) {
    int from = b * batchSize; // < data.size(), so no overflow
    return from + Math.min(batchSize, data.size() - from);
  }

  /**
   * Batches run at once by evaluate and predict: as many as the session runs ops at once (one per
   * core, at least 2), since each batch keeps one core busy. Measured on 2 cores, 25,000
   * sequences at batch 32: see BENCHMARKS.md.
   */
  private static int inferenceThreads() {
    return sessionConfig().getInterOpParallelismThreads();
  }

  /**
   * Keras's {@code predict}: the model's output for each sequence, flattened per sequence (for a
   * [batch, 50, 1] output, 50 values per sequence).
   */
  public float[][] predict(SequenceData data, int batchSize) {
    checkBatchSize(batchSize);
    checkData(data, false, "prediction");
    int perSample = (int) elementsPerSample(forward.output().shape());
    float[][] out = new float[data.size()][perSample];
    int[] order = data.naturalOrder();
    // Each batch fills its own rows of out.
    ParallelBatches.map(batchCount(data, batchSize), inferenceThreads(), b -> {
      int from = b * batchSize;
      int to = batchEnd(data, batchSize, b);
      try (Tensor x = data.inputBatch(order, from, to);
          Result r = session.runner().feed(input, x).fetch(forward.output()).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        float[] flat = new float[(to - from) * perSample];
        y.copyTo(DataBuffers.of(flat, false, false));
        for (int i = from; i < to; i++) {
          System.arraycopy(flat, (i - from) * perSample, out[i], 0, perSample);
        }
      }
      return null;
    });
    return out;
  }

  /** The probability of each sequence: the last output value (the last step's for sequences). */
  public float[] predictLast(SequenceData data, int batchSize) {
    float[][] all = predict(data, batchSize);
    float[] last = new float[all.length];
    for (int i = 0; i < all.length; i++) {
      last[i] = all[i][all[i].length - 1];
    }
    return last;
  }

  private static void checkBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
  }

  /** Refuses data the graph cannot take, before any native call, with the fix in the message. */
  private void checkData(SequenceData data, boolean needLabels, String what) {
    InputSpec in = architecture.input();
    if (data.size() == 0) {
      return;
    }
    if (data.isTokens() != in.isTokens()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data holds %s but the model takes %s %s",
          what, data.isTokens() ? "token ids (int32)" : "float features",
          in.dtypeName(), ModelSummary.shapeText(in.shape())));
    }
    if (data.timeSteps() != in.timeSteps() || (!in.isTokens() && data.features() != in.features())) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "The %s data has shape %s but the model takes %s: pad or truncate to %d steps",
          what, ModelSummary.shapeText(data.inputShape(-1)), ModelSummary.shapeText(in.shape()),
          in.timeSteps()));
    }
    if (in.isTokens() && architecture.layers().get(0) instanceof Embedding e) {
      int bad = data.firstSequenceWithTokenOutside(e.inputDim());
      if (bad >= 0) {
        int[] range = data.tokenRange();
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Token id out of range in %s sequence %d: ids must be in [0, %d) for Embedding '%s'"
                + " (input_dim %d), but the data holds ids from %d to %d. Map rare words to the"
                + " out-of-vocabulary id 2, or build the Embedding with a larger input_dim.",
            what, bad, e.inputDim(), e.name(), e.inputDim(), range[0], range[1]));
      }
    }
    int nonFinite = data.firstNonFinite();
    if (nonFinite >= 0) {
      throw new IllegalArgumentException(
          "The " + what + " data has a NaN or infinite value in sequence " + nonFinite);
    }
    if (needLabels && !data.hasLabels()) {
      throw new IllegalArgumentException("The " + what + " data has no labels");
    }
    if (needLabels && loss.isBinaryClassification()) {
      int bad = data.firstNonBinaryLabel();
      if (bad >= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Label %s of %s sequence %d is not 0 or 1: binary cross-entropy needs labels 0/1",
            data.label(bad), what, bad));
      }
    }
  }

  @Override
  public boolean reportsAccuracy() {
    return loss.isBinaryClassification();
  }

  @Override
  public boolean hasSequenceOutput() {
    return forward.output().shape().numDimensions() == 3;
  }

  /** Number of operations in the graph, for the benchmark's report. */
  public int graphOperationCount() {
    int n = 0;
    for (var it = graph.operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  /** Layer lookup by name. */
  public Layer layer(String name) {
    return architecture.layers().stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No layer named '" + name + "'"));
  }
}
