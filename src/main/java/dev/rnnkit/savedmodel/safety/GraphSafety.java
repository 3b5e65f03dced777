package dev.rnnkit.savedmodel.safety;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;

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
 *   <li>none of these reached by a signature (or another collection), fed by a signature input,
 *       or reading a path tensor that a signature reads or takes: outside the loader's run, a
 *       path tensor holds whatever the file stored (see {@link PathOps});
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
   * As {@link #findUnsafeOps(MetaGraphDef)}, then the asset files of the SavedModel folder
   * {@code dir} that are links or lead outside it: everything a loader must refuse.
   */
  public static List<UnsafeOp> findUnsafeOps(MetaGraphDef metaGraph, Path dir) {
    List<UnsafeOp> unsafe = new ArrayList<>(findUnsafeOps(metaGraph));
    unsafe.addAll(AssetFiles.unsafeFiles(metaGraph, dir));
    return List.copyOf(unsafe);
  }

  /** One check of one MetaGraph: the index, who runs what, and the rule for path ops. */
  private static final class Scan {
    private final GraphIndex index;
    private final PathOps pathOps;

    Scan(MetaGraphDef metaGraph) {
      index = new GraphIndex(metaGraph.getGraphDef());
      pathOps = new PathOps(metaGraph, index, new GraphRoots(metaGraph, index));
    }

    List<UnsafeOp> run() {
      List<UnsafeOp> unsafe = new ArrayList<>();
      for (GraphIndex.Located located : index.allNodes()) {
        String op = located.node().getOp();
        if (index.isFunction(op)) {
          continue; // a call of a library function, whose own nodes are checked
        }
        problem(located).ifPresent(reason -> unsafe.add(new UnsafeOp(located.node().getName(),
            op, located.scope().describe(), reason)));
      }
      unsafe.addAll(pathOps.exposedPathTensors());
      return List.copyOf(unsafe);
    }

    /** Why this node needs trust, or empty when it may run untrusted. */
    private Optional<String> problem(GraphIndex.Located located) {
      String op = located.node().getOp();
      Optional<OpAllowlist.Kind> kind = OpAllowlist.kind(op);
      if (kind.isEmpty()) {
        return Optional.of(OpAllowlist.knownHazard(op)
            .orElse("not on RNNKit's list of ops that only compute in memory"));
      }
      return switch (kind.get()) {
        case COMPUTE -> Optional.empty();
        case PRINT -> OpAllowlist.STANDARD_STREAMS.contains(outputStream(located))
            ? Optional.empty() : Optional.of("prints to " + outputStream(located));
        case CHECKPOINT_READ, CHECKPOINT_WRITE, TABLE_FROM_FILE ->
            pathOps.problem(kind.get(), located);
      };
    }

    private static String outputStream(GraphIndex.Located located) {
      AttrValue stream = located.node().getAttrMap().get("output_stream");
      return stream == null ? "stderr" : stream.getS().toStringUtf8();
    }
  }
}
