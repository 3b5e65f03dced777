package dev.rnnkit.model;

import dev.rnnkit.data.SequenceData;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model for prediction only, built from given weights: the forward pass and the weights, and
 * nothing of training (no loss, gradients, optimizer slots or random initial draw). Its {@link
 * #predict} gives the same numbers, bit for bit, as a compiled {@link Model} holding the same
 * weights. Close it to free native memory.
 */
public final class InferenceModel implements AutoCloseable {

  private final Sequential architecture;
  private final DataChecks checks;
  private final Graph graph;
  private final Session session;
  private final Placeholder<?> input;
  private final Sequential.Forward forward;
  private final WeightVariables weightVariables;

  private InferenceModel(Sequential architecture, List<Weight> weights) {
    // Refused before any native call: a wrong list must not leave a half-built graph behind.
    WeightChecks.complete(architecture.weightSpecs(), weights);
    this.architecture = architecture;
    this.checks = new DataChecks(architecture, null);
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      InputSpec in = architecture.input();
      input = in.isTokens()
          ? tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(in.shape()))
          : tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(in.shape()));
      weightVariables = WeightVariables.create(tf, architecture);
      forward = architecture.forward(tf, input, weightVariables::get);
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
    return new InferenceModel(architecture, weights);
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
    return BatchedPrediction.run(session, input, forward.output(), data, batchSize,
        Model.inferenceThreads());
  }

  /** Number of operations in the graph: far fewer than a compiled model's. */
  public int graphOperationCount() {
    int n = 0;
    for (var it = graph.operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** Names of the graph's operation types, to show what it does not hold (tests, diagnostics). */
  public List<String> operationTypes() {
    List<String> types = new ArrayList<>();
    graph.operations().forEachRemaining(op -> types.add(op.type()));
    return types;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
