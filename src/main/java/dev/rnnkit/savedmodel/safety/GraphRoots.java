package dev.rnnkit.savedmodel.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Who runs which nodes of a MetaGraph. TensorFlow's loader runs the saver's restore and then the
 * init op, feeding the asset tensors the real paths of the files under {@code assets/} while it
 * does; the saver's save is never run on load. Everything else runs only when somebody calls it:
 * each signature (RNNKit, TF Serving and Python call these), and, to stay on the safe side, each
 * collection of nodes that is not one of TensorFlow's init or asset collections. Those callers
 * run with the graph as stored: an asset tensor then holds whatever path the file wrote there.
 */
final class GraphRoots {

  /**
   * The signature key under which TF2 SavedModels name their init op, which the loader runs
   * (TensorFlow's {@code kSavedModelInitOpSignatureKey}).
   */
  private static final String INIT_OP_SIGNATURE_KEY = "__saved_model_init_op";

  /** Collections the loader runs as the init op, in the order TensorFlow's loader looks. */
  private static final List<String> LOADER_INIT_COLLECTIONS =
      List.of("saved_model_main_op", "legacy_init_op");

  /**
   * Collections that only list init ops or asset tensors for TF1's own bookkeeping
   * ({@code tf.compat.v1.GraphKeys}); TF1 exports group their table initializers into the
   * legacy init op, so these are not callers.
   */
  private static final Set<String> INIT_BOOKKEEPING_COLLECTIONS = Set.of("table_initializer",
      "local_init_op", "init_op", "asset_filepaths", "saved_model_assets", "ready_op",
      "ready_for_local_init_op");

  private final GraphIndex index;
  private final GraphIndex.Reach restore;
  private final GraphIndex.Reach save;
  private final GraphIndex.Reach init;
  private final Map<String, GraphIndex.Reach> callers = new LinkedHashMap<>();
  private final Map<String, String> signatureInputs = new LinkedHashMap<>();

  GraphRoots(MetaGraphDef metaGraph, GraphIndex index) {
    this.index = index;
    SaverDef saver = metaGraph.getSaverDef();
    restore = index.reachFrom(nonEmpty(saver.getRestoreOpName()));
    save = index.reachFrom(nonEmpty(saver.getSaveTensorName()));
    List<String> initRoots = new ArrayList<>();
    metaGraph.getSignatureDefMap().forEach((key, signature) -> {
      List<String> outputs = signature.getOutputsMap().values().stream()
          .flatMap(info -> tensorNames(info).stream()).toList();
      if (key.equals(INIT_OP_SIGNATURE_KEY)) {
        initRoots.addAll(outputs);
      } else {
        callers.put("signature '" + key + "'", index.reachFrom(outputs));
      }
      recordInputs(key, signature);
    });
    metaGraph.getCollectionDefMap().forEach((name, collection) -> {
      List<String> nodes = collection.getNodeList().getValueList();
      if (LOADER_INIT_COLLECTIONS.contains(name)) {
        initRoots.addAll(nodes);
      } else if (!INIT_BOOKKEEPING_COLLECTIONS.contains(name) && !nodes.isEmpty()) {
        callers.put("collection '" + name + "'", index.reachFrom(nodes));
      }
    });
    init = index.reachFrom(initRoots);
  }

  /** Whether the saver's restore op runs this node. */
  boolean inRestore(GraphIndex.Located located) {
    return restore.contains(located);
  }

  /** Whether the saver's save tensor (never run by the loader) needs this node. */
  boolean inSave(GraphIndex.Located located) {
    return save.contains(located);
  }

  /** Whether the loader's init op runs this node. */
  boolean inInit(GraphIndex.Located located) {
    return init.contains(located);
  }

  /** The first caller ("signature 'x'" or "collection 'y'") whose run reaches this node. */
  Optional<String> callerReaching(GraphIndex.Located located) {
    return callers.entrySet().stream().filter(caller -> caller.getValue().contains(located))
        .map(Map.Entry::getKey).findFirst();
  }

  /** The first caller whose run reaches this graph node. */
  Optional<String> callerReachingGraphNode(String node) {
    return callers.entrySet().stream()
        .filter(caller -> caller.getValue().graphNodes().contains(node))
        .map(Map.Entry::getKey).findFirst();
  }

  /**
   * The signature input ("input 'x' of signature 'y'") that this node's inputs come from, if
   * any: a caller who feeds it chooses what the node sees. For a node in a function, every
   * graph call that leads to the function counts.
   */
  Optional<String> signatureInputFeeding(GraphIndex.Located located) {
    Set<String> ancestors = index.graphAncestors(located);
    return signatureInputs.entrySet().stream().filter(input -> ancestors.contains(input.getKey()))
        .map(Map.Entry::getValue).findFirst();
  }

  /** The signature input that is this graph node, if any. */
  Optional<String> signatureInputAt(String node) {
    return Optional.ofNullable(signatureInputs.get(node));
  }

  private void recordInputs(String key, SignatureDef signature) {
    signature.getInputsMap().forEach((name, info) -> tensorNames(info).forEach(tensor ->
        signatureInputs.putIfAbsent(GraphIndex.nodeName(tensor),
            "input '" + name + "' of signature '" + key + "'")));
  }

  /** The graph tensors a TensorInfo names, dense, sparse or composite. */
  static List<String> tensorNames(TensorInfo info) {
    return switch (info.getEncodingCase()) {
      case NAME -> List.of(info.getName());
      case COO_SPARSE -> List.of(info.getCooSparse().getValuesTensorName(),
          info.getCooSparse().getIndicesTensorName(),
          info.getCooSparse().getDenseShapeTensorName());
      case COMPOSITE_TENSOR -> info.getCompositeTensor().getComponentsList().stream()
          .flatMap(component -> tensorNames(component).stream()).toList();
      default -> List.of();
    };
  }

  private static List<String> nonEmpty(String name) {
    return Stream.of(name).filter(n -> !n.isEmpty()).toList();
  }
}
