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
 *   <li>{@link #saveKeras}: a Keras 3 {@code .keras} file, which {@code keras.models.load_model}
 *       reads (Keras 3.0 and later);
 *   <li>{@link #saveLegacyH5}: a legacy {@code .h5} file in tf.keras 2's layout, which
 *       {@code load_model} of tf.keras 2 and Keras 3 read.
 * </ul>
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
