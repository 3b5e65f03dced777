package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.metrics.RunningMeans;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.Optimizer;
import dev.rnnkit.optimizers.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * A compiled model: a {@link Sequential} architecture built into a TensorFlow graph with its
 * weights, loss, metrics and optimizer, in a session. Keras's {@code model.compile(...)},
 * then {@code evaluate} and {@code predict}; {@code fit} is {@code dev.rnnkit.train.Trainer}'s,
 * which runs this model's {@link #trainStep}. Close it to free native memory.
 */
public final class Model implements Trainable, AutoCloseable {

  private final Sequential architecture;
  private final Optimizer optimizer;
  private final Loss loss;
  private final Graph graph;
  private final Session session;
  private final WeightVariables weightVariables;
  /** The optimizer's slots and fed scalars, shared by the graphs of every length. */
  private final Updates sharedUpdates;
  private final LengthGraphs<TrainingGraph> graphs;
  private final DataChecks checks;
  private final OptimizerSlots slots;
  private long iterations;
  private float learningRate;
  /** Seeds dropout's masks together with the step (see {@link #setDropoutSeed}). */
  private long dropoutSeed;

  private Model(Sequential architecture, Optimizer optimizer, Loss loss, long seed) {
    this.architecture = architecture;
    this.optimizer = optimizer;
    this.learningRate = optimizer.learningRate();
    this.dropoutSeed = seed;
    this.loss = loss;
    this.checks = new DataChecks(architecture, loss);
    graph = new Graph();
    Session created = null;
    try {
      if (architecture.input().isOpenLength()) {
        Ops tf = Ops.create(graph);
        weightVariables = WeightVariables.create(tf, architecture);
        sharedUpdates = optimizer.build(tf, weightVariables.variables(), null);
        graphs = new LengthGraphs<>(architecture, (steps, postPadded) ->
            TrainingGraph.forLength(tf.withSubScope(LengthGraphs.scopeName(steps, postPadded)),
                architecture.withTimeSteps(steps), optimizer, loss, weightVariables,
                sharedUpdates, postPadded));
      } else {
        TrainingGraph any = new TrainingGraph(graph, architecture, optimizer, loss);
        weightVariables = any.weightVariables;
        sharedUpdates = any.updates;
        Ops tf = Ops.create(graph);
        graphs = new LengthGraphs<>(architecture, (steps, postPadded) -> !postPadded ? any
            : TrainingGraph.forLength(tf.withSubScope("post_padded"), architecture, optimizer,
                loss, weightVariables, sharedUpdates, true));
        graphs.forSteps(architecture.input().timeSteps(), false);
      }
      slots = new OptimizerSlots(sharedUpdates);
      created = new Session(graph, sessionConfig());
      session = created;
      if (!sharedUpdates.slotInitializers().isEmpty()) { // SGD without momentum has no slots
        Session.Runner init = session.runner();
        sharedUpdates.slotInitializers().forEach(init::addTarget);
        init.run().close();
      }
      setWeights(initialWeights(architecture, seed));
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
  static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .build();
  }

  /** Compiles with Keras's Adam defaults and binary cross-entropy (the article's setting). */
  public static Model compile(Sequential architecture, long seed) {
    return new Model(architecture, Adam.keras(), Loss.binaryCrossentropy(), seed);
  }

  /** Compiles with an explicit optimizer and loss; initial weights are drawn from {@code seed}. */
  public static Model compile(Sequential architecture, Optimizer optimizer, Loss loss, long seed) {
    return new Model(architecture, optimizer, loss, seed);
  }

  /**
   * Compiles a model that holds {@code weights} (every weight of the architecture, e.g. read
   * from a file): the initial draw (seed 0) is replaced by them, and nothing is left open if
   * they do not fit.
   */
  public static Model compile(Sequential architecture, Optimizer optimizer, Loss loss,
      List<Weight> weights) {
    Model model = new Model(architecture, optimizer, loss, 0);
    try {
      model.setWeights(weights);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static List<Weight> initialWeights(Sequential architecture, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<Weight> weights = new ArrayList<>();
    for (Sequential.NamedWeightSpec spec : architecture.weightSpecs()) {
      SplittableRandom random = root.split();
      long[] shape = spec.spec().shape();
      weights.add(new Weight(spec.name(), shape, spec.spec().initializer().initialize(shape, random)));
    }
    return weights;
  }

  public Sequential architecture() {
    return architecture;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Loss loss() {
    return loss;
  }

  /**
   * Keras's {@code optimizer.learning_rate} now: the optimizer's unless {@link
   * #setLearningRate} changed it. Not saved in checkpoints or SavedModels: a model loaded or a
   * fit resumed starts again from {@link #optimizer()}'s.
   */
  public float learningRate() {
    return learningRate;
  }

  /** Keras's {@code optimizer.learning_rate = lr}: the next training steps use {@code lr}. */
  public void setLearningRate(float lr) {
    if (!(lr > 0) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("The learning rate must be positive and finite, got " + lr);
    }
    learningRate = lr;
  }

  /**
   * The seed of dropout's masks: those of training step t are a function of this seed, t and
   * the layer only, so two fits of the same seed draw the same masks, and a fit resumed from a
   * checkpoint (which restores t) draws what an uninterrupted one would. By default the seed
   * the model was compiled with (0 for a model compiled with given weights).
   */
  public long dropoutSeed() {
    return dropoutSeed;
  }

  /** Sets the seed of dropout's masks (see {@link #dropoutSeed()}). */
  public void setDropoutSeed(long seed) {
    dropoutSeed = seed;
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

  /**
   * Keras's {@code model.get_layer(layer).get_weights()}: that layer's weights in Keras's order and
   * shapes (LSTM {@code kernel} [d, 4u], {@code recurrent_kernel} [u, 4u], {@code bias} [4u]; GRU
   * with reset_after a [2, 3u] bias; no bias with use_bias=False), named {@code layer/weight}.
   */
  public List<Weight> layerWeights(String layer) {
    return LayerWeightLists.of(architecture, layer, weights());
  }

  /**
   * Keras's {@code layer.set_weights(...)}: replaces layer {@code layer}'s weights, given in the
   * order and shapes {@link #layerWeights} returns (named {@code kernel} or {@code lstm/kernel});
   * the other layers keep theirs.
   *
   * @throws IllegalArgumentException for another number of weights, another order or a shape
   */
  public void setLayerWeights(String layer, List<Weight> weights) {
    setWeights(LayerWeightLists.replace(architecture, layer, weights(), weights));
  }

  /** The optimizer's step count and slots, for checkpoints. */
  public OptimizerState optimizerState() {
    return slots.read(session, iterations);
  }

  /** Restores what {@link #optimizerState()} returned (from a model of the same architecture). */
  public void setOptimizerState(OptimizerState state) {
    slots.assign(session, state);
    iterations = state.iterations();
  }

  @Override
  public List<String> metricNames() {
    return LossAndMetrics.reportedMetrics(loss, architecture.outputShape());
  }

  /**
   * Refuses, before any native call, what this model cannot be trained or evaluated on: a model
   * without one output unit per step, or data of another shape, dtype or vocabulary, with
   * NaNs, or without (binary, for binary cross-entropy) labels. {@code what} names the data in
   * the message ("training", "validation").
   */
  public void checkTrainingData(SequenceData data, String what) {
    checks.trainable();
    checks.data(data, true, what);
  }

  /** One optimizer step on the sequences {@code order[from..to)}: a trainer's step. */
  @Override
  public RunningMeans trainStep(SequenceData data, int[] order, int from, int to) {
    return runTrainStep(data, order, from, to, null).means();
  }

  /**
   * One training step (it updates the weights like {@link #trainStep}) run with TensorFlow's full
   * trace: the start and duration of every op, for profiling.
   */
  public RunMetadata traceTrainStep(SequenceData data, int[] order, int from, int to) {
    return runTrainStep(data, order, from, to, RunOptions.newBuilder()
        .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build()).trace();
  }

  private record StepRun(RunningMeans means, RunMetadata trace) {}

  private StepRun runTrainStep(SequenceData data, int[] order, int from, int to,
      RunOptions traceOptions) {
    long t = iterations + 1;
    TrainingGraph ops = graphs.forBatch(data, order, from, to);
    try (Tensor x = data.inputBatch(order, from, to, ops.steps());
        TFloat32 y = data.labelBatch(order, from, to);
        TFloat32 lr = TFloat32.scalarOf(learningRate);
        StepInputs steps = new StepInputs(optimizer.stepValues(t));
        DropoutFeed dropout = DropoutFeed.of(ops.noise, dropoutSeed, t)) {
      Session.Runner runner = dropout.feed(session.runner())
          .feed(ops.input, x)
          .feed(ops.labels, y)
          .feed(ops.updates.learningRate(), lr)
          .addTarget(ops.updates.apply());
      steps.feed(runner, ops.updates.stepInputs());
      ops.fetchMetrics(runner);
      if (traceOptions != null) {
        runner.setOptions(traceOptions);
      }
      try (Result r = traceOptions != null ? runner.runAndFetchMetadata() : runner.run()) {
        iterations = t;
        return new StepRun(ops.batchMeans(r, 0, to - from), r.getMetadata().orElse(null));
      }
    }
  }

  /**
   * Gradients of the loss on one batch, in weight order, without updating anything, and without
   * dropout (as {@link #evaluate}).
   */
  public List<float[]> gradients(SequenceData data) {
    return gradients(data, 0);
  }

  /**
   * Gradients of the loss on one batch as training step {@code step} (1 for the first) computes
   * them, with that step's dropout masks, without updating anything; step 0 has no dropout.
   */
  public List<float[]> gradients(SequenceData data, long step) {
    checkTrainingData(data, "gradient");
    int[] order = data.naturalOrder();
    TrainingGraph ops = graphs.forBatch(data, order, 0, data.size());
    try (Tensor x = data.inputBatch(order, 0, data.size(), ops.steps());
        TFloat32 y = data.labelBatch(order, 0, data.size());
        DropoutFeed dropout = DropoutFeed.of(step == 0 ? null : ops.noise, dropoutSeed, step)) {
      Session.Runner runner = dropout.feed(session.runner()).feed(ops.input, x).feed(ops.labels, y);
      ops.gradients.forEach(runner::fetch);
      try (Result r = runner.run()) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < ops.gradients.size(); i++) {
          TFloat32 g = (TFloat32) r.get(i);
          float[] values = new float[(int) g.size()];
          g.copyTo(DataBuffers.of(values, false, false));
          out.add(values);
        }
        return out;
      }
    }
  }

  /**
   * The loss on one batch as training step {@code step} (1 for the first) computes it, with that
   * step's dropout masks, without updating anything: what {@link #gradients(SequenceData, long)}
   * differentiates.
   */
  public double trainingLoss(SequenceData data, long step) {
    checkTrainingData(data, "loss");
    int[] order = data.naturalOrder();
    TrainingGraph ops = graphs.forBatch(data, order, 0, data.size());
    try (Tensor x = data.inputBatch(order, 0, data.size(), ops.steps());
        TFloat32 y = data.labelBatch(order, 0, data.size());
        DropoutFeed dropout = DropoutFeed.of(step == 0 ? null : ops.noise, dropoutSeed, step);
        Result r = ops.fetchMetrics(dropout.feed(session.runner()).feed(ops.input, x)
            .feed(ops.labels, y)).run()) {
      return ((TFloat32) r.get(0)).getFloat(); // fetchMetrics fetches the loss first
    }
  }

  /** Keras's {@code evaluate}: every metric of {@link #metricNames()} over the data, in batches. */
  @Override
  public Evaluation evaluate(SequenceData data, int batchSize) {
    return BatchedEvaluation.run(session, graphs, metricNames(), checks, data, batchSize,
        inferenceThreads());
  }

  /**
   * Batches run at once by evaluate and predict: as many as the session runs ops at once (one per
   * core, at least 2), since each batch keeps one core busy. Measured on 2 cores, 25,000
   * sequences at batch 32: see docs/benchmarks.md.
   */
  static int inferenceThreads() {
    return sessionConfig().getInterOpParallelismThreads();
  }

  /**
   * Keras's {@code predict}: the model's output for each sequence, flattened per sequence (for a
   * [batch, 50, 1] output, 50 values per sequence).
   */
  public float[][] predict(SequenceData data, int batchSize) {
    DataChecks.batchSize(batchSize);
    checks.data(data, false, "prediction");
    return BatchedPrediction.run(session, graphs, data, batchSize, inferenceThreads());
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

  /**
   * The steps a batch whose longest sequence has {@code longest} steps is run with: the model's
   * own length, the batch's, or for a masked open-length model the bucket it rounds up to (see
   * {@link LengthGraphs#bucket}). For the benchmark's report.
   */
  public int batchSteps(int longest) {
    return graphs.steps(longest);
  }

  /** Number of operations in the graph, for the benchmark's report. */
  public int graphOperationCount() {
    return operationTypes().size();
  }

  /** Names of the graph's operation types, to show what it holds (tests, diagnostics). */
  public List<String> operationTypes() {
    return GraphOps.types(graph);
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
