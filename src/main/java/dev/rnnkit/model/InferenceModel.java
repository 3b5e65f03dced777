package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.Evaluation;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A model for prediction (and, given a loss, evaluation) only, built from given weights: the
 * forward pass and the weights, and nothing of training (no gradients, optimizer slots or random
 * initial draw). Its {@link
 * #predict} and {@link #evaluate} give the same numbers, bit for bit, as a compiled {@link Model} holding the same
 * weights. Close it to free native memory.
 */
public final class InferenceModel implements AutoCloseable {

  private final Sequential architecture;
  private final DataChecks checks;
  private final Graph graph;
  private final Session session;
  private final WeightVariables weightVariables;
  /** Null for a model built without a loss, which only predicts. */
  private final Loss loss;
  private final LengthGraphs<ForwardGraph> graphs;

  /** The forward pass for one length, with the loss and metrics when the model has a loss. */
  private record ForwardGraph(Placeholder<?> input, Operand<TFloat32> output,
      LossAndMetrics metrics, int steps) implements BatchGraph {

    static ForwardGraph build(Ops tf, Sequential architecture, WeightVariables weights, Loss loss,
        boolean postPadded) {
      Placeholder<?> input = TrainingGraph.inputPlaceholder(tf, architecture.input());
      Sequential.Forward forward = architecture.forward(tf, input, weights::get, postPadded);
      LossAndMetrics metrics = loss == null ? null
          : new LossAndMetrics(tf,
              LossAndMetrics.labelsPlaceholder(tf, loss, architecture.outputShape()), forward,
              loss);
      return new ForwardGraph(input, forward.output(), metrics, architecture.input().timeSteps());
    }
  }

  private InferenceModel(Sequential architecture, List<Weight> weights, Loss loss) {
    // Refused before any native call: a wrong list must not leave a half-built graph behind.
    WeightChecks.complete(architecture.weightSpecs(), weights);
    this.architecture = architecture;
    this.checks = new DataChecks(architecture, loss);
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      this.loss = loss;
      weightVariables = WeightVariables.create(tf, architecture);
      boolean open = architecture.input().isOpenLength();
      graphs = new LengthGraphs<>(architecture, (steps, postPadded) -> ForwardGraph.build(
          open || postPadded ? tf.withSubScope(LengthGraphs.scopeName(steps, postPadded)) : tf,
          architecture.withTimeSteps(steps), weightVariables, loss, postPadded));
      if (!open) {
        graphs.forSteps(architecture.input().timeSteps(), false);
      }
      created = new Session(graph, Model.sessionConfig());
      session = created;
      weightVariables.assign(session, weights);
    } catch (RuntimeException e) {
      // Close the session before its graph, or the error would turn into a hang.
      if (created != null) {
        created.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * Builds {@code architecture} for prediction with exactly {@code weights}: one per weight of the
   * architecture, named and shaped as {@link Sequential#weightSpecs()} says.
   *
   * @throws IllegalArgumentException naming the weight that is missing, extra or of another shape
   */
  public static InferenceModel of(Sequential architecture, List<Weight> weights) {
    return new InferenceModel(architecture, weights, null);
  }

  /**
   * As {@link #of(Sequential, List)}, with {@code loss} and the metrics built too, so that the
   * model can also {@link #evaluate} (still without gradients or optimizer).
   */
  public static InferenceModel of(Sequential architecture, List<Weight> weights, Loss loss) {
    return new InferenceModel(architecture, weights, loss);
  }

  public Sequential architecture() {
    return architecture;
  }

  /** The weights, in Keras's order. */
  public List<Weight> weights() {
    return weightVariables.read(session);
  }

  /** One layer's weights in Keras's order and shapes, as {@link Model#layerWeights}. */
  public List<Weight> layerWeights(String layer) {
    return LayerWeightLists.of(architecture, layer, weights());
  }

  /** Replaces one layer's weights, as {@link Model#setLayerWeights}. */
  public void setLayerWeights(String layer, List<Weight> weights) {
    weightVariables.assign(session, LayerWeightLists.replace(architecture, layer, weights(), weights));
  }

  /** Keras's {@code predict}, as {@link Model#predict}. */
  public float[][] predict(SequenceData data, int batchSize) {
    DataChecks.batchSize(batchSize);
    checks.data(data, false, "prediction");
    return BatchedPrediction.run(session, graphs, data, batchSize, Model.inferenceThreads());
  }

  /**
   * Keras's {@code evaluate}, as {@link Model#evaluate}: the loss and metrics over labelled data.
   *
   * @throws IllegalStateException if the model was built without a loss
   */
  public Evaluation evaluate(SequenceData data, int batchSize) {
    if (loss == null) {
      throw new IllegalStateException("This model was built without a loss and only predicts:"
          + " build it with InferenceModel.of(architecture, weights, loss) to evaluate");
    }
    return BatchedEvaluation.run(session, graphs,
        LossAndMetrics.reportedMetrics(loss, architecture.outputShape()), checks, data, batchSize,
        Model.inferenceThreads());
  }

  /** Number of operations in the graph: far fewer than a compiled model's. */
  public int graphOperationCount() {
    return operationTypes().size();
  }

  /** Names of the graph's operation types, to show what it does not hold (tests, diagnostics). */
  public List<String> operationTypes() {
    return GraphOps.types(graph);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
