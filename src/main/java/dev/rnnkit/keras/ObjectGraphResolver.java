package dev.rnnkit.keras;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.SerializedTensor;

/**
 * Finds the checkpoint key of a variable from its place in the object graph.
 *
 * <p>A SavedModel stores two views of the same objects: the {@code SavedObjectGraph} in
 * saved_model.pb (what each object is: a layer, a variable with its name and shape) and the
 * checkpoint's {@code TrackableObjectGraph} (which key holds each variable's value). Both are
 * graphs of named child edges from the root (node 0). A variable is saved once, under the first
 * path the saver reached it by, which may be {@code trainable_variables/0} rather than
 * {@code layer_with_weights-0/cell/kernel}; so the key is read from the variable node's own
 * {@code VARIABLE_VALUE} attribute, never rebuilt from a path.
 */
final class ObjectGraphResolver {

  /** A variable found in both graphs. */
  record ResolvedVariable(String checkpointKey, String variableName, long[] shape) {}

  /** A named edge of the saved object graph. */
  record Child(String localName, int nodeId) {}

  private static final String VARIABLE_VALUE = "VARIABLE_VALUE";

  private final SavedObjectGraph saved;
  private final TrackableObjectGraph checkpoint;
  private final String source;

  ObjectGraphResolver(SavedObjectGraph saved, TrackableObjectGraph checkpoint, String source) {
    if (saved.getNodesCount() == 0 || checkpoint.getNodesCount() == 0) {
      throw new KerasImportException(source + " has an empty object graph: it was not written"
          + " by TF 2's tf.saved_model.save / tf.keras model.save, or is damaged");
    }
    this.saved = saved;
    this.checkpoint = checkpoint;
    this.source = source;
  }

  List<Child> children(int nodeId) {
    List<Child> children = new ArrayList<>();
    for (ObjectReference ref : saved.getNodes(nodeId).getChildrenList()) {
      children.add(new Child(ref.getLocalName(), ref.getNodeId()));
    }
    return children;
  }

  /**
   * The variable reached from {@code fromNode} by the child names of {@code path}, e.g.
   * {@code ["cell", "kernel"]} from an LSTM layer's node.
   */
  ResolvedVariable variable(int fromNode, List<String> path) {
    int node = fromNode;
    for (String name : path) {
      node = savedChild(node, name);
    }
    SavedObject object = saved.getNodes(node);
    if (!object.hasVariable()) {
      throw new KerasImportException(source + ": object graph node " + node + " ("
          + describe(fromNode, path) + ") is a " + object.getKindCase() + ", not a variable");
    }
    SavedVariable variable = object.getVariable();
    if (variable.getDtype() != DataType.DT_FLOAT) {
      throw new KerasImportException(source + ": variable " + variable.getName() + " is "
          + variable.getDtype() + "; RNNKit imports float32 weights only");
    }
    List<String> fullPath = new ArrayList<>(pathFromRoot(fromNode));
    fullPath.addAll(path);
    TrackableObject tracked = checkpointNode(fullPath);
    SerializedTensor value = tracked.getAttributesList().stream()
        .filter(a -> a.getName().equals(VARIABLE_VALUE))
        .findFirst()
        .orElseThrow(() -> new KerasImportException(source + ": the checkpoint's object graph"
            + " holds no value for " + String.join("/", fullPath) + "; the variables were not"
            + " saved with the model"));
    if (!value.getFullName().isEmpty() && !variable.getName().isEmpty()
        && !value.getFullName().equals(variable.getName())) {
      throw new KerasImportException(source + ": the path " + String.join("/", fullPath)
          + " leads to variable " + variable.getName() + " in saved_model.pb but to "
          + value.getFullName() + " in the checkpoint; the two files are from different saves");
    }
    return new ResolvedVariable(value.getCheckpointKey(), variable.getName(), dims(variable.getShape()));
  }

  private int savedChild(int node, String name) {
    for (ObjectReference ref : saved.getNodes(node).getChildrenList()) {
      if (ref.getLocalName().equals(name)) {
        return ref.getNodeId();
      }
    }
    throw new KerasImportException(source + ": object graph node " + node + " has no child '"
        + name + "' (its children: " + children(node).stream().map(Child::localName).toList()
        + ")");
  }

  /** The child names of a shortest path from the root to {@code target} in the saved graph. */
  List<String> pathFromRoot(int target) {
    Map<Integer, Child> reachedBy = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(0));
    reachedBy.put(0, null);
    while (!queue.isEmpty() && !reachedBy.containsKey(target)) {
      int node = queue.removeFirst();
      for (Child child : children(node)) {
        if (!reachedBy.containsKey(child.nodeId())) {
          reachedBy.put(child.nodeId(), new Child(child.localName(), node));
          queue.addLast(child.nodeId());
        }
      }
    }
    if (!reachedBy.containsKey(target)) {
      throw new KerasImportException(source + ": object graph node " + target
          + " cannot be reached from the root");
    }
    List<String> path = new ArrayList<>();
    for (int node = target; node != 0; node = reachedBy.get(node).nodeId()) {
      path.add(0, reachedBy.get(node).localName());
    }
    return path;
  }

  private TrackableObject checkpointNode(List<String> path) {
    int node = 0;
    for (String name : path) {
      int next = -1;
      for (ObjectReference ref : checkpoint.getNodes(node).getChildrenList()) {
        if (ref.getLocalName().equals(name)) {
          next = ref.getNodeId();
          break;
        }
      }
      if (next < 0) {
        throw new KerasImportException(source + ": the checkpoint's object graph has no path "
            + String.join("/", path) + " (stopped at '" + name + "'); saved_model.pb and the"
            + " checkpoint are from different saves or the checkpoint is damaged");
      }
      node = next;
    }
    return checkpoint.getNodes(node);
  }

  private String describe(int fromNode, List<String> path) {
    List<String> full = new ArrayList<>(pathFromRoot(fromNode));
    full.addAll(path);
    return String.join("/", full);
  }

  private static long[] dims(TensorShapeProto shape) {
    return shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
  }
}
