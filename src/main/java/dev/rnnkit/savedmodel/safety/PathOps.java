package dev.rnnkit.savedmodel.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The rule for the allowlisted ops that take a file path: checkpoint reads and writes, and lookup
 * tables filled from a text file.
 *
 * <p>A path tensor of a SavedModel (an asset tensor, the saver's filename tensor) holds whatever
 * string the file stored, {@code /etc/passwd} as easily as {@code vocab.txt}. TensorFlow's loader
 * feeds it the real path only while it runs the restore and init ops. So such an op is safe only
 * where the loader alone runs it, on a path the loader feeds:
 *
 * <ul>
 *   <li>checkpoint reads only in the saver's restore (not in the init op), reading the saver's
 *       filename tensor; checkpoint writes only in the saver's save, which the loader never runs;
 *   <li>table initializers only reading an asset tensor of the MetaGraph;
 *   <li>no caller (a signature, or another collection) reaches the op, and no signature input
 *       flows into it;
 *   <li>no caller reads a path tensor, and no signature takes one as an input: the stored value
 *       would be what it computes with.
 * </ul>
 */
final class PathOps {

  private static final String SAVER_WHERE = "the MetaGraph's saver";

  private final GraphIndex index;
  private final GraphRoots roots;
  private final Set<String> saverFile;
  private final Set<String> assetTensors;

  PathOps(MetaGraphDef metaGraph, GraphIndex index, GraphRoots roots) {
    this.index = index;
    this.roots = roots;
    String filename = metaGraph.getSaverDef().getFilenameTensorName();
    saverFile = filename.isEmpty() ? Set.of() : Set.of(tensorName(filename));
    assetTensors = metaGraph.getAssetFileDefList().stream()
        .filter(asset -> AssetFiles.nameProblem(asset.getFilename()).isEmpty())
        .map(asset -> tensorName(asset.getTensorInfo().getName()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Why this path op may not stand where it is, or empty when only the loader runs it safely. */
  Optional<String> problem(OpAllowlist.Kind kind, GraphIndex.Located located) {
    if (!inItsPlace(kind, located)) {
      return OpAllowlist.knownHazard(located.node().getOp());
    }
    Optional<String> caller = roots.callerReaching(located);
    if (caller.isPresent()) {
      return Optional.of("runs whenever " + caller.get() + " runs, on the path stored in the"
          + " graph (TensorFlow substitutes the real path only while loading), so it could"
          + " reach any file");
    }
    return roots.signatureInputFeeding(located).map(input ->
        "its inputs come from " + input + ", so a caller could choose the file");
  }

  private boolean inItsPlace(OpAllowlist.Kind kind, GraphIndex.Located located) {
    return switch (kind) {
      case CHECKPOINT_READ -> roots.inRestore(located) && !roots.inInit(located)
          && index.inputComesFrom(located, 0, saverFile);
      case CHECKPOINT_WRITE -> roots.inSave(located) && !roots.inRestore(located)
          && !roots.inInit(located);
      case TABLE_FROM_FILE -> index.inputComesFrom(located, 1, assetTensors);
      default -> throw new IllegalArgumentException(kind + " takes no path");
    };
  }

  /** Path tensors that a caller reads, or that a signature takes as an input. */
  List<UnsafeOp> exposedPathTensors() {
    List<UnsafeOp> exposed = new ArrayList<>();
    assetTensors.stream().sorted()
        .forEach(tensor -> exposure(tensor, "asset", AssetFiles.WHERE).ifPresent(exposed::add));
    saverFile.forEach(tensor ->
        exposure(tensor, "saver filename", SAVER_WHERE).ifPresent(exposed::add));
    return exposed;
  }

  private Optional<UnsafeOp> exposure(String tensor, String type, String where) {
    String node = GraphIndex.nodeName(tensor);
    String stored = storedString(node).map(value -> " (stored value '" + value + "')").orElse("");
    Optional<String> reason = roots.signatureInputAt(node)
        .map(input -> "is " + input + ", so a caller could pass any path to the ops that read it")
        .or(() -> roots.callerReachingGraphNode(node).map(caller -> caller + " reads this path"
            + stored + ", which TensorFlow replaces with the real file only while loading"));
    return reason.map(text -> new UnsafeOp(tensor, type, where, text));
  }

  /** The string a Const node holds, for messages. */
  private Optional<String> storedString(String node) {
    return index.allNodes().stream()
        .filter(located -> located.scope().isGraph() && located.node().getName().equals(node))
        .map(GraphIndex.Located::node)
        .filter(def -> def.getOp().equals("Const"))
        .map(NodeDef::getAttrMap)
        .map(attrs -> attrs.getOrDefault("value", AttrValue.getDefaultInstance()).getTensor())
        .filter(tensor -> tensor.getStringValCount() == 1)
        .map(tensor -> tensor.getStringVal(0).toStringUtf8())
        .findFirst();
  }

  /** {@code name} and {@code name:0} are the same tensor. */
  static String tensorName(String name) {
    return name.indexOf(':') < 0 ? name + ":0" : name;
  }
}
