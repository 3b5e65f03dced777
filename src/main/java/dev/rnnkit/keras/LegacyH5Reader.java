package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a legacy Keras {@code .h5} model ({@code model.save("m.h5")} in Keras 2, or Keras 3's
 * legacy format): the architecture from the root attribute {@code model_config} (JSON), the
 * weights from {@code model_weights/<layer name>}, whose attribute {@code weight_names} lists the
 * layer's datasets in order (e.g. {@code lstm/lstm_cell/kernel:0}, a path below the layer group).
 * Keras matches them to the layer's weights by position; so does this reader.
 */
final class LegacyH5Reader {

  private LegacyH5Reader() {}

  static ImportedModel read(Path file, ImportOptions options) {
    try (HdfFile h5 = Hdf5.open(file)) {
      return read(h5, file, options);
    } catch (KerasImportException | UncheckedIOException e) {
      throw e; // already says what is wrong with the file
    } catch (RuntimeException e) {
      // jhdf's HdfException, or the runtime exceptions of its parser on a crafted file.
      throw Hdf5.unreadable(file.toString(), e);
    }
  }

  private static ImportedModel read(HdfFile h5, Path file, ImportOptions options) {
    String modelConfig = Hdf5.string(h5, "model_config", file.toString())
        .orElseThrow(() -> noModelConfig(h5, file)); // at most ArchiveLimits.MAX_JSON_BYTES
    JsonNode config;
    try {
      config = Json.reader().readTree(modelConfig);
    } catch (JsonProcessingException e) {
      throw new KerasImportException(file + ": the model_config attribute is not valid JSON: "
          + e.getOriginalMessage() + ". The file is damaged; save the model again", e);
    }
    KerasModelPlan plan = KerasConfigMapper.map(config, null, options);
    Group weightsRoot = Hdf5.findGroup(h5, "model_weights").orElseThrow(() ->
        new KerasImportException(file + " has a model_config but no model_weights group: it was"
            + " saved without weights; save it again with model.save"));
    String kerasVersion = Hdf5.string(weightsRoot, "keras_version", file.toString())
        .or(() -> Hdf5.string(h5, "keras_version", file.toString())).orElse("unknown");
    if (kerasVersion.equals("unknown") || kerasVersion.startsWith("1")) {
      throw new UnsupportedKerasFeatureException(plan.modelName(), "keras_version",
          file + " records keras_version " + kerasVersion + "; Keras 1 files order some weights"
              + " differently, which RNNKit does not convert: load and re-save it with Keras 2");
    }
    List<Weight> weights = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (KerasModelPlan.KerasLayer layer : plan.layers()) {
      if (!layer.hasWeights()) {
        continue;
      }
      readLayer(weightsRoot, layer, plan.weightSpecsOf(layer), file, weights, sources);
    }
    List<String> notes = new ArrayList<>(plan.notes());
    KerasOptimizerState.Read training = KerasOptimizerState.fromLegacyH5(h5,
        KerasTrainingConfig.read(trainingConfig(h5, file), notes), weights, notes, file.toString());
    return new ImportedModel(plan.architecture(), weights, new ImportMetadata(
        KerasFormat.LEGACY_H5, file, plan.modelName(), kerasVersion, notes, sources),
        training.compileConfig(), training.state());
  }

  /** The root attribute {@code training_config} (JSON), or null for an uncompiled model. */
  private static JsonNode trainingConfig(HdfFile h5, Path file) {
    Optional<String> text = Hdf5.string(h5, "training_config", file.toString());
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Json.reader().readTree(text.get());
    } catch (JsonProcessingException e) {
      throw new KerasImportException(file + ": the training_config attribute is not valid JSON: "
          + e.getOriginalMessage() + ". The file is damaged; save the model again", e);
    }
  }

  private static void readLayer(Group weightsRoot, KerasModelPlan.KerasLayer layer,
      List<Sequential.NamedWeightSpec> specs, Path file, List<Weight> weights,
      Map<String, String> sources) {
    String where = file.toString();
    Group group = Hdf5.findGroup(weightsRoot, layer.name()).orElseThrow(() ->
        new KerasImportException(where + " has no group model_weights/" + layer.name()
            + " for the weights of " + layer.className() + " '" + layer.name() + "' (it has "
            + weightsRoot.getChildren().keySet() + ")"));
    List<String> names = Hdf5.chunkedStrings(group, "weight_names", where).orElse(List.of());
    if (names.size() != specs.size()) {
      throw new KerasImportException(where + ": model_weights/" + layer.name() + " lists "
          + names.size() + " weights " + names + " but " + layer.className() + " '"
          + layer.name() + "' has " + specs.size() + " (" + specs.stream()
              .map(s -> s.spec().name()).toList() + "); the weights do not belong to this config");
    }
    for (int i = 0; i < specs.size(); i++) {
      String name = names.get(i);
      String expected = shortName(specs.get(i).spec().name()); // forward_gru/kernel: kernel
      // Keras loads by position; a name that says it is another weight of the layer means the
      // file's order is not Keras's, and loading by position would swap weights.
      String shortName = shortName(name);
      if (!shortName.equals(expected) && specs.stream().anyMatch(
          s -> shortName(s.spec().name()).equals(shortName))) {
        throw new KerasImportException(where + ": weight " + i + " of model_weights/"
            + layer.name() + " is " + name + " but Keras's order puts " + expected + " there");
      }
      Dataset dataset = Hdf5.find(group, name).filter(Dataset.class::isInstance)
          .map(Dataset.class::cast).orElseThrow(() -> new KerasImportException(where
              + ": weight_names of model_weights/" + layer.name() + " lists " + name
              + ", which is not a dataset of the file"));
      weights.add(KerasArchiveReader.weight(specs.get(i), dataset, where));
      sources.put(specs.get(i).name(), "HDF5 dataset " + dataset.getPath());
    }
  }

  /** {@code lstm_5/lstm_cell_5/kernel:0 -> kernel}. */
  private static String shortName(String weightName) {
    String last = weightName.substring(weightName.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    return colon < 0 ? last : last.substring(0, colon);
  }

  private static KerasImportException noModelConfig(HdfFile h5, Path file) {
    if (h5.getChildren().containsKey("layers") || h5.getChildren().containsKey("vars")) {
      return new KerasImportException(file + " is a Keras 3 weights file (model.weights.h5 or"
          + " save_weights): it holds weights but no architecture; import the .keras file");
    }
    if (h5.getAttributes().containsKey("layer_names")) {
      return new KerasImportException(file + " holds weights only (Keras save_weights): it has"
          + " no model_config; save the whole model with model.save(\"m.h5\")");
    }
    return new KerasImportException(file + " is an HDF5 file without a model_config attribute:"
        + " it is not a Keras model saved with model.save(\"m.h5\")");
  }
}
