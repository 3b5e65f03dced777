package dev.rnnkit.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.io.Json;
import dev.rnnkit.keras.hdf5.H5Dataset;
import dev.rnnkit.keras.hdf5.H5Group;
import dev.rnnkit.keras.hdf5.Hdf5Writer;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
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

  /**
   * @param compile how the model was compiled, or null to write an uncompiled model
   * @param optimizer the optimizer's variables, or null to write none
   */
  static void write(Sequential architecture, List<Weight> weights, String modelName,
      KerasCompileConfig compile, KerasOptimizerVariables optimizer, Path file) {
    ObjectNode config = new KerasConfigWriter(KerasConfigWriter.Style.KERAS_V3)
        .model(architecture, modelName);
    if (compile != null) {
      config.set("compile_config", compile.kerasV3());
    }
    ObjectNode metadata = Json.object();
    metadata.put("keras_version", KERAS_VERSION);
    metadata.put("date_saved",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    metadata.put("written_by", "RNNKit");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      put(zip, KerasArchive.METADATA, Json.writer().writeValueAsBytes(metadata));
      put(zip, KerasArchive.CONFIG, Json.writer().writeValueAsBytes(config));
      zip.putNextEntry(new ZipEntry(KerasArchive.WEIGHTS));
      Hdf5Writer.write(weights(architecture, weights, optimizer), zip);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The content of {@code model.weights.h5} as Keras 3 saves it: {@code layers/<class>[_n]/vars}
   * with one dataset per variable ({@code 0}, {@code 1}, ... in Keras's order), an RNN layer's
   * variables in its cell ({@code layers/lstm/cell/vars}), and an empty {@code vars} group for
   * each object that owns no variables itself: the model ({@code /vars}), an RNN layer
   * ({@code layers/lstm/vars}) and a layer without weights; with {@code optimizer}, its
   * variables in {@code optimizer/vars}.
   */
  static H5Group weights(Sequential architecture, List<Weight> weights,
      KerasOptimizerVariables optimizer) {
    List<String> paths = KerasV3WeightLayout.layerPaths(KerasConfigWriter.classNames(architecture));
    Map<String, List<Weight>> byLayer = new HashMap<>();
    for (Weight w : weights) {
      byLayer.computeIfAbsent(w.layerName(), k -> new ArrayList<>()).add(w);
    }
    H5Group.Builder layers = H5Group.builder();
    for (int i = 0; i < architecture.layers().size(); i++) {
      Layer layer = architecture.layers().get(i);
      H5Group vars = vars(byLayer.getOrDefault(layer.name(), List.of()));
      H5Group group;
      if (layer instanceof RecurrentLayer) {
        group = recurrentGroup(vars);
      } else if (layer instanceof Bidirectional bidirectional) {
        group = bidirectionalGroup(bidirectional, byLayer.getOrDefault(layer.name(), List.of()));
      } else if (layer instanceof TimeDistributed) {
        // TimeDistributed owns none: its layer does.
        group = H5Group.builder()
            .group("vars", H5Group.empty())
            .group(KerasV3WeightLayout.WRAPPED_LAYER, H5Group.builder().group("vars", vars).build())
            .build();
      } else {
        group = H5Group.builder().group("vars", vars).build();
      }
      layers.group(paths.get(i).substring("layers/".length()), group);
    }
    // Keras 3.0 to 3.5 open the model's own vars group unconditionally, and a Sequential model
    // must find it empty.
    H5Group.Builder root = H5Group.builder().group("layers", layers.build());
    if (optimizer != null) {
      root.group("optimizer", optimizer.kerasV3Group());
    }
    return root.group("vars", H5Group.empty()).build();
  }

  /** An RNN layer owns no variables; its cell does. */
  private static H5Group recurrentGroup(H5Group cellVars) {
    return H5Group.builder()
        .group("vars", H5Group.empty())
        .group("cell", H5Group.builder().group("vars", cellVars).build())
        .build();
  }

  /** Bidirectional owns none either: its forward_layer and backward_layer are RNN layers. */
  private static H5Group bidirectionalGroup(Bidirectional layer, List<Weight> weights) {
    String forward = layer.name() + "/" + layer.forwardName() + "/";
    return H5Group.builder()
        .group("vars", H5Group.empty())
        .group(KerasV3WeightLayout.FORWARD_LAYER, recurrentGroup(
            vars(weights.stream().filter(w -> w.name().startsWith(forward)).toList())))
        .group(KerasV3WeightLayout.BACKWARD_LAYER, recurrentGroup(
            vars(weights.stream().filter(w -> !w.name().startsWith(forward)).toList())))
        .build();
  }

  private static H5Group vars(List<Weight> weights) {
    H5Group.Builder vars = H5Group.builder();
    for (int v = 0; v < weights.size(); v++) {
      Weight w = weights.get(v);
      vars.dataset(Integer.toString(v), H5Dataset.float32(w.shape(), w.values()));
    }
    return vars.build();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
