package dev.rnnkit.savedmodel.safety;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.MetaGraphDef;

/**
 * The asset files a MetaGraph lists. TensorFlow's loader feeds each asset tensor the path
 * {@code DIR/assets/FILENAME} without checking it, so a filename with {@code ..} steps, or a
 * symbolic link in {@code assets/}, would let a table initializer read any file of the machine.
 */
public final class AssetFiles {

  static final String WHERE = "the MetaGraph's asset list";

  private AssetFiles() {}

  /**
   * Why a filename would leave {@code assets/} (or any folder it is relative to): absolute, or
   * with {@code ..} steps; empty when it stays inside.
   */
  public static Optional<String> nameProblem(String filename) {
    String slashed = filename.replace('\\', '/');
    if (slashed.isEmpty() || slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")
        || Arrays.asList(slashed.split("/")).contains("..")) {
      return Optional.of(
          "names '" + filename + "', a file outside the SavedModel's assets/ folder");
    }
    return Optional.empty();
  }

  /** Assets whose filename leaves {@code assets/}. */
  static List<UnsafeOp> unsafeNames(MetaGraphDef metaGraph) {
    List<UnsafeOp> unsafe = new ArrayList<>();
    for (AssetFileDef asset : metaGraph.getAssetFileDefList()) {
      nameProblem(asset.getFilename()).ifPresent(problem -> unsafe.add(finding(asset, problem)));
    }
    return unsafe;
  }

  /** Assets of a well-named file that is a link, or resolves, to outside the SavedModel folder. */
  static List<UnsafeOp> unsafeFiles(MetaGraphDef metaGraph, Path dir) {
    List<UnsafeOp> unsafe = new ArrayList<>();
    for (AssetFileDef asset : metaGraph.getAssetFileDefList()) {
      if (nameProblem(asset.getFilename()).isPresent()) {
        continue; // reported by unsafeNames
      }
      Path file = dir.resolve("assets").resolve(asset.getFilename());
      if (Files.isSymbolicLink(file) || !resolvesInside(file, dir)) {
        unsafe.add(finding(asset, "assets/" + asset.getFilename()
            + " is a symbolic link or leads outside the SavedModel folder"));
      }
    }
    return unsafe;
  }

  private static boolean resolvesInside(Path file, Path dir) {
    if (!Files.exists(file)) {
      return true; // TensorFlow's own error will say it is missing
    }
    try {
      return file.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static UnsafeOp finding(AssetFileDef asset, String problem) {
    return new UnsafeOp(asset.getTensorInfo().getName(), "asset", WHERE, problem);
  }
}
