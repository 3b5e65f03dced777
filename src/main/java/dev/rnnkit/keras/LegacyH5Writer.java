package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rnnkit.io.Json;
import dev.rnnkit.keras.hdf5.H5Dataset;
import dev.rnnkit.keras.hdf5.H5Group;
import dev.rnnkit.keras.hdf5.Hdf5Writer;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a legacy Keras {@code .h5} model in tf.keras 2's layout: root attributes
 * {@code keras_version}, {@code backend}, {@code model_config} (JSON) and, for a compiled
 * model, {@code training_config} (JSON, see {@link KerasCompileConfig}); group
 * {@code model_weights} listing {@code layer_names}; per layer a group whose
 * {@code weight_names} attribute lists its datasets in Keras's order, stored at those paths
 * below it ({@code model_weights/lstm/lstm/lstm_cell/kernel:0}).
 */
final class LegacyH5Writer {

  /**
   * The layout's Keras version. Keras's h5 loader reads it to decide whether to convert Keras 1
   * weights; a 2.x version means none.
   */
  static final String KERAS_VERSION = "2.15.0";

  private LegacyH5Writer() {}

  /** @param compile how the model was compiled, or null to write an uncompiled model */
  static void write(Sequential architecture, List<Weight> weights, String modelName,
      KerasCompileConfig compile, Path file) {
    String modelConfig =
        text(new KerasConfigWriter(KerasConfigWriter.Style.LEGACY).model(architecture, modelName));
    String version = Keras2HardSigmoid.legacyH5Version(architecture, KERAS_VERSION);
    H5Group.Builder modelWeights = H5Group.builder()
        .attribute("layer_names", architecture.layers().stream().map(Layer::name).toList())
        .attribute("backend", "tensorflow")
        .attribute("keras_version", version);
    for (Layer layer : architecture.layers()) {
      List<Weight> layerWeights =
          weights.stream().filter(w -> w.layerName().equals(layer.name())).toList();
      modelWeights.group(layer.name(), layerGroup(layer, layerWeights));
    }
    H5Group.Builder root = H5Group.builder()
        .attribute("keras_version", version)
        .attribute("backend", "tensorflow")
        .attribute("model_config", modelConfig)
        .group("model_weights", modelWeights.build());
    if (compile != null) {
      root.attribute("training_config", text(compile.legacy()));
    }
    try {
      Hdf5Writer.write(root.build(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    try {
      return Json.writer().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A layer's group: its {@code weight_names} attribute, and the datasets below it at those
   * paths. tf.keras names a weight after its variable: {@code layer/[cell/]weight:0}.
   */
  private static H5Group layerGroup(Layer layer, List<Weight> weights) {
    List<String> prefix = new ArrayList<>(List.of(layer.name()));
    if (layer instanceof RecurrentLayer) {
      prefix.add(KerasV3WeightLayout.snakeCase(layer.kerasClassName()) + "_cell");
    }
    List<String> names = new ArrayList<>();
    H5Group.Builder variables = H5Group.builder();
    for (Weight w : weights) {
      String datasetName = w.shortName() + ":0";
      variables.dataset(datasetName, H5Dataset.float32(w.shape(), w.values()));
      names.add(String.join("/", prefix) + "/" + datasetName);
    }
    // The datasets' group, wrapped in one group per path component below the layer's group.
    H5Group inner = variables.build();
    for (int i = prefix.size() - 1; i > 0; i--) {
      inner = H5Group.builder().group(prefix.get(i), inner).build();
    }
    return H5Group.builder()
        .attribute("weight_names", names)
        .group(prefix.get(0), inner)
        .build();
  }
}
