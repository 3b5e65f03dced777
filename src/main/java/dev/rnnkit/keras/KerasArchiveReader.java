package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Keras 3 model: the architecture from {@code config.json}, the weights from
 * {@code model.weights.h5} laid out as {@link KerasV3WeightLayout} describes.
 */
final class KerasArchiveReader {

  /** tf.keras 2.13-2.15 wrote the same layout under this name instead of {@code layers}. */
  private static final String TF_KERAS_LAYERS = "_layer_checkpoint_dependencies";

  private KerasArchiveReader() {}

  static ImportedModel read(KerasArchive archive, Path source, ImportOptions options) {
    if (!archive.has(KerasArchive.CONFIG)) {
      throw new KerasImportException(source + " has no " + KerasArchive.CONFIG + ": it is not a"
          + " Keras 3 model file (a weights-only file is saved by save_weights; RNNKit needs"
          + " model.save(\"m.keras\"))");
    }
    JsonNode config = parse(archive, KerasArchive.CONFIG, source);
    KerasModelPlan plan = KerasConfigMapper.map(
        config, config.path("build_config").get("input_shape"), options);
    String kerasVersion = archive.has(KerasArchive.METADATA)
        ? parse(archive, KerasArchive.METADATA, source).path("keras_version").asText("unknown")
        : "unknown";
    if (!archive.has(KerasArchive.WEIGHTS)) {
      throw new KerasImportException(source + " has no " + KerasArchive.WEIGHTS + (archive.has(
          "model.weights.npz") ? ": its weights were saved as npz; re-save with the default"
              + " weights_format='h5'" : archive.has("model.weights.json") ? ": its weights"
              + " are sharded; re-save without max_shard_size" : ""));
    }
    String where = source + "!/" + KerasArchive.WEIGHTS;
    // Closing deletes the temporary file the weights were unzipped to, after the HDF5 file.
    try (KerasArchive.Extracted weightsFile = archive.extract(KerasArchive.WEIGHTS);
        HdfFile h5 = Hdf5.open(weightsFile.path())) {
      List<Weight> weights = new ArrayList<>();
      Map<String, String> sources = new LinkedHashMap<>();
      List<String> paths = KerasV3WeightLayout.layerPaths(
          plan.layers().stream().map(KerasModelPlan.KerasLayer::className).toList());
      for (int i = 0; i < plan.layers().size(); i++) {
        KerasModelPlan.KerasLayer layer = plan.layers().get(i);
        if (!layer.hasWeights()) {
          continue;
        }
        Map<String, List<Sequential.NamedWeightSpec>> groups = KerasV3WeightLayout.varsGroups(
            paths.get(i), plan.architecture().layers().get(layer.architectureIndex()),
            layer.weightsInCell(), plan.weightSpecsOf(layer));
        for (Map.Entry<String, List<Sequential.NamedWeightSpec>> group : groups.entrySet()) {
          Group vars = varsGroup(h5, group.getKey(), layer, where);
          readVars(vars, layer, group.getValue(), where, weights, sources);
        }
      }
      List<String> notes = new ArrayList<>(plan.notes());
      KerasOptimizerState.Read training = KerasOptimizerState.fromKerasFile(h5,
          KerasTrainingConfig.read(config.get("compile_config"), notes), weights, notes, where);
      return new ImportedModel(plan.architecture(), weights, new ImportMetadata(
          KerasFormat.KERAS_V3, source, plan.modelName(), kerasVersion, notes, sources),
          training.compileConfig(), training.state());
    } catch (KerasImportException | UncheckedIOException e) {
      throw e; // already says what is wrong with the file
    } catch (RuntimeException e) {
      // jhdf's HdfException, or the runtime exceptions of its parser on a crafted file.
      throw Hdf5.unreadable(where, e);
    }
  }

  /** The datasets {@code 0, 1, ...} of one vars group: the values of {@code specs}, in order. */
  private static void readVars(Group vars, KerasModelPlan.KerasLayer layer,
      List<Sequential.NamedWeightSpec> specs, String where, List<Weight> weights,
      Map<String, String> sources) {
    if (vars.getChildren().size() != specs.size()) {
      throw new KerasImportException(where + ": " + vars.getPath() + " holds "
          + vars.getChildren().size() + " variables but " + layer.className() + " '"
          + layer.name() + "' has " + specs.size() + " there (" + specs.stream()
              .map(s -> s.spec().name()).toList() + "); the weights do not belong to this config");
    }
    for (int v = 0; v < specs.size(); v++) {
      Node node = vars.getChildren().get(Integer.toString(v));
      if (!(node instanceof Dataset dataset)) {
        throw new KerasImportException(where + ": " + vars.getPath() + " has no dataset '" + v
            + "' (it holds " + vars.getChildren().keySet() + ")");
      }
      weights.add(weight(specs.get(v), dataset, where));
      sources.put(specs.get(v).name(), "HDF5 dataset " + dataset.getPath() + " of "
          + KerasArchive.WEIGHTS);
    }
  }

  private static Group varsGroup(HdfFile h5, String varsPath, KerasModelPlan.KerasLayer layer,
      String where) {
    return Hdf5.findGroup(h5, varsPath)
        .or(() -> Hdf5.findGroup(h5, varsPath.replaceFirst("^layers/", TF_KERAS_LAYERS + "/")))
        .orElseThrow(() -> new KerasImportException(where + " has no group " + varsPath
            + " for the weights of " + layer.className() + " '" + layer.name() + "'; Keras 3"
            + " names these groups after the layer classes in model order (its top-level groups"
            + " are " + h5.getChildren().keySet() + "). The file was not saved by Keras 3's"
            + " model.save or does not belong to this config"));
  }

  /** One weight, checked against the shape the config gives it. */
  static Weight weight(Sequential.NamedWeightSpec spec, Dataset dataset, String where) {
    long[] shape = Hdf5.shape(dataset);
    if (!Arrays.equals(shape, spec.spec().shape())) {
      throw new KerasImportException(where + ": dataset " + dataset.getPath() + " has shape "
          + Arrays.toString(shape) + " but the config makes " + spec.name() + " "
          + Arrays.toString(spec.spec().shape()) + "; the weights do not belong to this config");
    }
    return new Weight(spec.name(), shape, Hdf5.floats(dataset, where));
  }

  private static JsonNode parse(KerasArchive archive, String entry, Path source) {
    try {
      return Json.reader().readTree(archive.readJson(entry)); // at most ArchiveLimits.MAX_JSON_BYTES
    } catch (JsonProcessingException e) {
      throw new KerasImportException(source + ": " + entry + " is not valid JSON: "
          + e.getOriginalMessage() + ". The file is damaged; save the model again", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // parsing bytes in memory does no I/O
    }
  }
}
