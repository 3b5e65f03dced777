package dev.rnnkit.savedmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Finds the ops of a MetaGraph that can do more than compute on tensors, before any of it runs.
 *
 * <p>Every node of the graph and of every function in its library is checked against {@link
 * OpAllowlist}. Checkpoint and asset ops are allowed only where TensorFlow's loader itself uses
 * them:
 *
 * <ul>
 *   <li>RestoreV2 (and Restore, RestoreSlice) only inside the saver's restore op (named in the
 *       SaverDef), reading the file the loader feeds in the saver's filename tensor, and not
 *       reachable from a signature or init op;
 *   <li>SaveV2 (and Save, SaveSlices, MergeV2Checkpoints) only inside the saver's save tensor,
 *       which the loader never runs, and not reachable from the restore, a signature or an init
 *       op;
 *   <li>InitializeTableFromTextFile(V2) only when its file name is one of the MetaGraph's asset
 *       tensors (the loader feeds those the paths of the files under {@code assets/}), and the
 *       asset stays inside {@code assets/} (see {@link AssetFiles});
 *   <li>PrintV2 only to stdout, stderr or the log.
 * </ul>
 *
 * <p>"Inside" follows data and control inputs in the graph and every function called on the way
 * (TF2 SavedModels keep the saver's ops in functions called from the graph); "reading the
 * saver's file" follows Identity ops and plain function calls back to the SaverDef's filename
 * tensor.
 */
public final class GraphSafety {

  private GraphSafety() {}

  /**
   * The ops that need trust, graph first, then function by function, then assets whose filename
   * leaves {@code assets/}; empty when none do.
   */
  public static List<UnsafeOp> findUnsafeOps(MetaGraphDef metaGraph) {
    List<UnsafeOp> unsafe = new ArrayList<>(new Scan(metaGraph).run());
    unsafe.addAll(AssetFiles.unsafeNames(metaGraph));
    return List.copyOf(unsafe);
  }

  /**
   * Refuses a MetaGraph with any op that needs trust, or whose asset files in {@code dir} are
   * links or lead outside it.
   *
   * @throws UntrustedModelException listing every such op and asset
   */
  static void requireSafe(MetaGraphDef metaGraph, Path dir, String tagSet) {
    List<UnsafeOp> unsafe = new ArrayList<>(findUnsafeOps(metaGraph));
    unsafe.addAll(AssetFiles.unsafeFiles(metaGraph, dir));
    if (!unsafe.isEmpty()) {
      throw new UntrustedModelException(dir, tagSet, unsafe);
    }
  }

  /** One check of one MetaGraph: the index and the reaches it needs. */
  private static final class Scan {
    private final GraphIndex index;
    private final GraphIndex.Reach restore;
    private final GraphIndex.Reach save;
    private final GraphIndex.Reach serving;
    private final Set<String> saverFile;
    private final Set<String> assetTensors;

    Scan(MetaGraphDef metaGraph) {
      index = new GraphIndex(metaGraph.getGraphDef());
      SaverDef saver = metaGraph.getSaverDef();
      restore = index.reachFrom(nonEmpty(saver.getRestoreOpName()));
      save = index.reachFrom(nonEmpty(saver.getSaveTensorName()));
      serving = index.reachFrom(servingRoots(metaGraph));
      saverFile = nonEmpty(saver.getFilenameTensorName()).stream()
          .map(Scan::tensorName).collect(Collectors.toUnmodifiableSet());
      assetTensors = metaGraph.getAssetFileDefList().stream()
          .filter(asset -> AssetFiles.nameProblem(asset.getFilename()).isEmpty())
          .map(asset -> tensorName(asset.getTensorInfo().getName()))
          .collect(Collectors.toUnmodifiableSet());
    }

    List<UnsafeOp> run() {
      List<UnsafeOp> unsafe = new ArrayList<>();
      for (GraphIndex.Located located : index.allNodes()) {
        String op = located.node().getOp();
        if (index.isFunction(op)) {
          continue; // a call of a library function, whose own nodes are checked
        }
        boolean allowed =
            OpAllowlist.kind(op).map(kind -> allowedHere(kind, located)).orElse(false);
        if (!allowed) {
          unsafe.add(new UnsafeOp(located.node().getName(), op, located.scope().describe(),
              reason(located)));
        }
      }
      return List.copyOf(unsafe);
    }

    private boolean allowedHere(OpAllowlist.Kind kind, GraphIndex.Located located) {
      return switch (kind) {
        case COMPUTE -> true;
        case CHECKPOINT_READ -> restore.contains(located) && !serving.contains(located)
            && index.inputComesFrom(located, 0, saverFile);
        case CHECKPOINT_WRITE -> save.contains(located) && !restore.contains(located)
            && !serving.contains(located);
        case TABLE_FROM_FILE -> index.inputComesFrom(located, 1, assetTensors);
        case PRINT -> OpAllowlist.STANDARD_STREAMS.contains(outputStream(located));
      };
    }

    private static String reason(GraphIndex.Located located) {
      String op = located.node().getOp();
      if (op.equals("PrintV2")) {
        return "prints to " + outputStream(located);
      }
      return OpAllowlist.knownHazard(op)
          .orElse("not on RNNKit's list of ops that only compute in memory");
    }

    private static String outputStream(GraphIndex.Located located) {
      AttrValue stream = located.node().getAttrMap().get("output_stream");
      return stream == null ? "stderr" : stream.getS().toStringUtf8();
    }

    /**
     * What loading and calling run: every signature's outputs (the init-op marker included) and
     * the ops listed in collections, where TF1 SavedModels keep their main and init ops.
     */
    private static List<String> servingRoots(MetaGraphDef metaGraph) {
      List<String> roots = new ArrayList<>();
      metaGraph.getSignatureDefMap().values().forEach(signature ->
          signature.getOutputsMap().values().forEach(info -> roots.addAll(tensorNames(info))));
      for (CollectionDef collection : metaGraph.getCollectionDefMap().values()) {
        roots.addAll(collection.getNodeList().getValueList());
      }
      return roots;
    }

    /** The graph tensors a TensorInfo names, dense, sparse or composite. */
    private static List<String> tensorNames(TensorInfo info) {
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

    /** {@code name} and {@code name:0} are the same tensor. */
    private static String tensorName(String name) {
      return name.indexOf(':') < 0 ? name + ":0" : name;
    }
  }
}
