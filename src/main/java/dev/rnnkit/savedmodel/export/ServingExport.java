package dev.rnnkit.savedmodel.export;

import dev.rnnkit.io.AtomicWrite;
import dev.rnnkit.model.ModelConfig;
import dev.rnnkit.savedmodel.SavedModel;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Tensor;

/**
 * Writes an RNNKit model in TensorFlow Serving's layout, {@code BASE/NAME/VERSION/}, which
 * {@code tensorflow_model_server --model_base_path=BASE/NAME --model_name=NAME} serves, always
 * the highest version: the model folder's files (the SavedModel, and rnnkit.json so RNNKit can
 * still load it) plus {@link WarmupFile warm-up requests} for each signature.
 *
 * <p>TF Serving polls {@code BASE/NAME} and loads a new numeric folder as soon as it appears, so
 * a version is written beside it under a hidden name and renamed into place whole ({@link
 * AtomicWrite}); before the rename every warm-up request is run through the new version with
 * TensorFlow's SavedModel loader (the one TF Serving uses), since a failing request would make
 * TF Serving refuse the version.
 */
public final class ServingExport {

  /** What an export wrote. */
  public record Written(Path versionDir, long version, List<WarmupRequest> warmup) {
    public Written {
      warmup = List.copyOf(warmup);
    }
  }

  /** Names TF Serving and a REST URL take as they are, and that are one folder name. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern VERSION = Pattern.compile("[0-9]+");
  /** AtomicWrite's hidden temporaries and moved-aside folders of a version. */
  private static final Pattern LEFTOVER = Pattern.compile("\\.([0-9]+)\\.(tmp|old)-.*");

  private ServingExport() {}

  /** Writes {@code modelDir} as the next free version of {@code base/name} (1 when none). */
  public static Written write(Path modelDir, Path base, String name) throws IOException {
    Path modelBase = base.resolve(checkName(name));
    // A killed --force may have moved a version aside: put it back before counting versions.
    removeLeftovers(modelBase);
    return write(modelDir, base, name, nextVersion(modelBase), false);
  }

  /**
   * Writes {@code modelDir} as {@code base/name/version}; refuses an existing version unless
   * {@code force}, which replaces it in one rename.
   *
   * @throws IllegalArgumentException for a name that is not one plain folder name, a version
   *     below 1, or a folder that is not an RNNKit model
   * @throws FileAlreadyExistsException if the version exists and {@code force} is false
   */
  public static Written write(Path modelDir, Path base, String name, long version, boolean force)
      throws IOException {
    checkName(name);
    if (version < 1) {
      throw new IllegalArgumentException("Version " + version + " is not allowed: TF Serving"
          + " serves versions 1, 2, ...; give --version 1 or more");
    }
    requireModel(modelDir);
    Path target = base.resolve(name).resolve(Long.toString(version)).toAbsolutePath().normalize();
    if (target.startsWith(modelDir.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("The serving folder " + target + " lies inside the model"
          + " folder " + modelDir + "; choose a --base outside it");
    }
    AtomicWrite.removeLeftovers(target);
    if (!force && Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "version " + version
          + " of '" + name + "' is already there; pass --force (API: force=true) to replace it,"
          + " or leave out --version to write the next one");
    }
    ModelConfig config = ModelDirectory.readConfig(modelDir);
    List<WarmupRequest> warmup = WarmupRequests.of(config, name);
    AtomicWrite.directory(target, folder -> {
      copyTree(modelDir, folder);
      WarmupFile.write(folder, warmup);
      runWarmup(folder);
    });
    return new Written(target, version, warmup);
  }

  /**
   * The version after the highest numeric folder in {@code modelBase} (TF Serving's versions),
   * 1 when there is none or no such folder.
   */
  public static long nextVersion(Path modelBase) throws IOException {
    if (!Files.isDirectory(modelBase)) {
      return 1;
    }
    try (Stream<Path> children = Files.list(modelBase)) {
      return 1 + children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VERSION.matcher(n).matches() && n.length() < 19)
          .mapToLong(Long::parseLong).max().orElse(0);
    }
  }

  /** Clears what killed exports left in {@code modelBase}: see {@link AtomicWrite#removeLeftovers}. */
  private static void removeLeftovers(Path modelBase) throws IOException {
    if (!Files.isDirectory(modelBase)) {
      return;
    }
    List<String> versions;
    try (Stream<Path> children = Files.list(modelBase)) {
      versions = children.map(p -> LEFTOVER.matcher(p.getFileName().toString()))
          .filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).distinct().toList();
    }
    for (String version : versions) {
      AtomicWrite.removeLeftovers(modelBase.resolve(version));
    }
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' cannot name a served model: use letters,"
          + " digits, '.', '_' and '-', starting with a letter or digit (it becomes a folder and"
          + " the /v1/models/NAME URL); pass --name NAME");
    }
    return name;
  }

  private static void requireModel(Path modelDir) {
    if (!ModelDirectory.isModelDirectory(modelDir)) {
      throw new IllegalArgumentException(modelDir + " is not an RNNKit model (no "
          + ModelDirectory.CONFIG_FILE + "): export-serving needs the model's description to"
          + " write its warm-up requests. Give the folder that train, examples or import-keras"
          + " wrote");
    }
  }

  /** Copies the model folder's files; a symbolic link is refused, not followed out of it. */
  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(from)) {
      entries = walk.toList();
    }
    for (Path source : entries) {
      Path copy = to.resolve(from.relativize(source).toString());
      if (Files.isSymbolicLink(source)) {
        throw new IllegalArgumentException(source + " is a symbolic link; a model folder that"
            + " RNNKit wrote holds none. Export the model again");
      } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(copy);
      } else {
        Files.copy(source, copy);
      }
    }
  }

  /**
   * Runs each warm-up request through the version as TF Serving will, its inputs fed by key and
   * every output fetched.
   */
  private static void runWarmup(Path versionDir) throws IOException {
    List<WarmupRequest> requests = WarmupFile.read(versionDir.resolve(WarmupFile.PATH));
    try (SavedModel model = SavedModel.load(versionDir)) {
      for (int i = 0; i < requests.size(); i++) {
        WarmupRequest request = requests.get(i);
        Map<String, Tensor> inputs = tensors(request);
        try {
          closeAll(model.call(request.signature(), inputs));
        } catch (IllegalArgumentException e) {
          // SavedModelException is one: a missing key, a wrong dtype or shape, a failed run.
          throw new IllegalStateException("Warm-up request " + (i + 1) + " (signature '"
              + request.signature() + "') fails on the model, so TF Serving would refuse this"
              + " version: " + e.getMessage(), e);
        } finally {
          closeAll(inputs);
        }
      }
    }
  }

  /**
   * The request's inputs as tensors, by key; the caller closes them. If one cannot be made, those
   * already made are closed before the error goes on.
   */
  static Map<String, Tensor> tensors(WarmupRequest request) {
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    try {
      request.inputs().forEach((key, proto) -> inputs.put(key, TensorProtos.toTensor(proto)));
      return inputs;
    } catch (RuntimeException e) {
      closeAll(inputs);
      throw e;
    }
  }

  private static void closeAll(Map<String, Tensor> tensors) {
    tensors.values().forEach(Tensor::close);
  }
}
