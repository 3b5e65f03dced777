package dev.rnnkit.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;

/** What a model's graph holds, for reports and tests. */
final class GraphOps {

  private GraphOps() {}

  /** The type of every operation in {@code graph}, in the graph's order. */
  static List<String> types(Graph graph) {
    List<String> types = new ArrayList<>();
    graph.operations().forEachRemaining(op -> types.add(op.type()));
    return types;
  }
}
