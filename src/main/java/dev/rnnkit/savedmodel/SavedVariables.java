package dev.rnnkit.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Checks that a SavedModel's weights are there. They live in {@code variables/} beside
 * saved_model.pb; when {@code variables/variables.index} is missing, TensorFlow's loader skips
 * restoring them without a word, and the model fails only when called, with "Attempting to use
 * uninitialized value".
 */
final class SavedVariables {

  /** The ops that hold a variable of the graph, TF1 style and resource style. */
  private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");
  private static final int NAMED = 3;

  private SavedVariables() {}

  /**
   * Refuses a SavedModel whose graph has variables but whose folder has no saved values for them.
   *
   * @throws SavedModelException naming what is missing and some of the variables
   */
  static void requirePresent(MetaGraphDef metaGraph, Path dir) {
    Path variables = dir.resolve("variables");
    if (Files.isRegularFile(variables.resolve("variables.index"))) {
      return;
    }
    List<String> names = metaGraph.getGraphDef().getNodeList().stream()
        .filter(node -> VARIABLE_OPS.contains(node.getOp()))
        .map(NodeDef::getName)
        .toList();
    if (names.isEmpty()) {
      return; // a graph of constants needs no variables/
    }
    String missing = Files.isDirectory(variables) ? "variables/variables.index" : "variables/ folder";
    throw new SavedModelException(dir.toAbsolutePath() + " has no " + missing + ", so the values"
        + " of its " + names.size() + " variables (" + listing(names) + ") are missing: copy the"
        + " whole SavedModel folder, variables/ included, or export the model again.");
  }

  private static String listing(List<String> names) {
    String shown = names.stream().limit(NAMED).collect(Collectors.joining(", "));
    return names.size() > NAMED ? shown + ", ..." : shown;
  }
}
