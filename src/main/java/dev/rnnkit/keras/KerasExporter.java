package dev.rnnkit.keras;

import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an RNNKit model in Keras's formats:
 *
 * <ul>
 *   <li>{@link #saveKeras}: a Keras 3 {@code .keras} file, for {@code keras.models.load_model};
 *   <li>{@link #saveLegacyH5}: a legacy {@code .h5} file in tf.keras 2's layout.
 * </ul>
 *
 * The layouts and config keys follow Keras's saving code (Keras 3.0 to 3.16's saving_lib, tf.keras
 * 2's hdf5_format); h5py reads the files as Keras expects, but no Keras ran here to load them.
 *
 * Neither holds the optimizer state or the compile settings: Keras loads the model uncompiled.
 * {@link KerasImporter} reads both back to the same architecture and bit-identical weights.
 */
public final class KerasExporter {

  /** The Keras model name written when none is given. */
  public static final String DEFAULT_MODEL_NAME = "sequential";

  private KerasExporter() {}

  public static void saveKeras(Model model, Path file) {
    saveKeras(model.architecture(), model.weights(), DEFAULT_MODEL_NAME, file);
  }

  /**
   * @param weights every weight of the architecture, named {@code layer/weight} as
   *     {@link Model#weights()} returns them, in any order
   */
  public static void saveKeras(Sequential architecture, List<Weight> weights, String modelName,
      Path file) {
    KerasArchiveWriter.write(architecture, WeightOrder.ofArchitecture(architecture, weights),
        modelName, file);
  }

  public static void saveLegacyH5(Model model, Path file) {
    saveLegacyH5(model.architecture(), model.weights(), DEFAULT_MODEL_NAME, file);
  }

  public static void saveLegacyH5(Sequential architecture, List<Weight> weights,
      String modelName, Path file) {
    LegacyH5Writer.write(architecture, WeightOrder.ofArchitecture(architecture, weights),
        modelName, file);
  }
}
