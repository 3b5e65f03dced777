package dev.rnnkit.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a legacy Keras {@code .h5} model in tf.keras 2's layout: root attributes
 * {@code keras_version}, {@code backend} and {@code model_config} (JSON); group
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

  static void write(Sequential architecture, List<Weight> weights, String modelName, Path file) {
    String modelConfig;
    try {
      modelConfig = new ObjectMapper().writeValueAsString(
          new KerasConfigWriter(KerasConfigWriter.Style.LEGACY).model(architecture, modelName));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("keras_version", KERAS_VERSION);
      h5.putAttribute("backend", "tensorflow");
      h5.putAttribute("model_config", modelConfig);
      WritableGroup modelWeights = h5.putGroup("model_weights");
      modelWeights.putAttribute("layer_names",
          architecture.layers().stream().map(Layer::name).toArray(String[]::new));
      modelWeights.putAttribute("backend", "tensorflow");
      modelWeights.putAttribute("keras_version", KERAS_VERSION);
      for (Layer layer : architecture.layers()) {
        List<Weight> layerWeights =
            weights.stream().filter(w -> w.layerName().equals(layer.name())).toList();
        WritableGroup group = modelWeights.putGroup(layer.name());
        List<String> names = new ArrayList<>();
        // tf.keras names a weight after its variable: layer/[cell/]weight:0.
        WritableGroup parent = group.putGroup(layer.name());
        List<String> prefix = new ArrayList<>(List.of(layer.name()));
        if (layer instanceof RecurrentLayer) {
          String cell = KerasV3WeightLayout.snakeCase(layer.kerasClassName()) + "_cell";
          parent = parent.putGroup(cell);
          prefix.add(cell);
        }
        for (Weight w : layerWeights) {
          String datasetName = w.shortName() + ":0";
          parent.putDataset(datasetName, Hdf5.nested(w.values(), w.shape()));
          names.add(String.join("/", prefix) + "/" + datasetName);
        }
        group.putAttribute("weight_names", names.toArray(String[]::new));
      }
    }
  }
}
