package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Keras 3 {@code .keras} file: a zip of {@code metadata.json}, {@code config.json} and
 * {@code model.weights.h5}, laid out as Keras 3's {@code saving_lib} writes and reads them.
 */
final class KerasArchiveWriter {

  /**
   * The Keras version recorded in metadata.json: the first one whose load_model reads what is
   * written here. Keras's loader does not read this file; it is for people and tools.
   */
  static final String KERAS_VERSION = "3.0.0";

  private KerasArchiveWriter() {}

  /** @param compile how the model was compiled, or null to write an uncompiled model */
  static void write(Sequential architecture, List<Weight> weights, String modelName,
      KerasCompileConfig compile, Path file) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = new KerasConfigWriter(KerasConfigWriter.Style.KERAS_V3)
        .model(architecture, modelName);
    if (compile != null) {
      config.set("compile_config", compile.kerasV3(json));
    }
    ObjectNode metadata = json.createObjectNode();
    metadata.put("keras_version", KERAS_VERSION);
    metadata.put("date_saved",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    metadata.put("written_by", "RNNKit");
    Path h5 = null;
    try {
      h5 = Files.createTempFile("rnnkit-weights", ".h5");
      writeWeights(architecture, weights, h5);
      try (OutputStream out = Files.newOutputStream(file);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        put(zip, KerasArchive.METADATA, json.writeValueAsBytes(metadata));
        put(zip, KerasArchive.CONFIG, json.writeValueAsBytes(config));
        put(zip, KerasArchive.WEIGHTS, Files.readAllBytes(h5));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(h5);
    }
  }

  /** {@code layers/<class>[_n]/[cell/]vars/<i>}, one dataset per variable in Keras's order. */
  static void writeWeights(Sequential architecture, List<Weight> weights, Path file) {
    List<String> paths = KerasV3WeightLayout.layerPaths(KerasConfigWriter.classNames(architecture));
    Map<String, List<Weight>> byLayer = new HashMap<>();
    for (Weight w : weights) {
      byLayer.computeIfAbsent(w.layerName(), k -> new ArrayList<>()).add(w);
    }
    // jhdf 0.10 writes a file it cannot read back when a group has no children, so only groups
    // that hold datasets are created (Keras reads a missing group as a layer without variables).
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      WritableGroup layersGroup = h5.putGroup("layers");
      for (int i = 0; i < architecture.layers().size(); i++) {
        Layer layer = architecture.layers().get(i);
        List<Weight> layerWeights = byLayer.getOrDefault(layer.name(), List.of());
        if (layerWeights.isEmpty()) {
          continue;
        }
        String layerGroup = paths.get(i).substring("layers/".length());
        WritableGroup group = layersGroup.putGroup(layerGroup);
        if (layer instanceof RecurrentLayer) {
          group = group.putGroup("cell");
        }
        WritableGroup vars = group.putGroup("vars");
        for (int v = 0; v < layerWeights.size(); v++) {
          Weight w = layerWeights.get(v);
          vars.putDataset(Integer.toString(v), Hdf5.nested(w.values(), w.shape()));
        }
      }
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind is not worth failing a save that succeeded.
      }
    }
  }
}
