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
 * The layouts and config keys follow Keras's saving code (Keras 3's saving_lib, tf.keras 2's
 * hdf5_format). Saved from a {@link Model}, the file also holds how it was compiled (loss,
 * optimizer settings, metrics; see {@link KerasCompileConfig}), so Keras's {@code load_model}
 * returns a compiled model that {@code fit} trains on; saved from an architecture and weights,
 * it is uncompiled. Saved from a {@link Model}, it also holds the optimizer's state (step count,
 * learning rate and slots, as Keras 3 saves them; see {@link KerasOptimizerVariables}), so
 * that {@code fit} in Keras, or in RNNKit after {@link KerasImporter}, continues where RNNKit
 * stopped. {@link KerasImporter} reads both back to the same architecture and bit-identical
 * weights and optimizer state.
 */
public final class KerasExporter {

  /** The Keras model name written when none is given. */
  public static final String DEFAULT_MODEL_NAME = "sequential";

  private KerasExporter() {}

  public static void saveKeras(Model model, Path file) {
    List<Weight> weights = WeightOrder.ofArchitecture(model.architecture(), model.weights());
    KerasArchiveWriter.write(model.architecture(), weights, DEFAULT_MODEL_NAME,
        KerasCompileConfig.of(model),
        KerasOptimizerVariables.of(model, weights, DEFAULT_MODEL_NAME), file);
  }

  /**
   * @param weights every weight of the architecture, named {@code layer/weight} as
   *     {@link Model#weights()} returns them, in any order
   */
  public static void saveKeras(Sequential architecture, List<Weight> weights, String modelName,
      Path file) {
    KerasArchiveWriter.write(architecture, WeightOrder.ofArchitecture(architecture, weights),
        modelName, null, null, file);
  }

  public static void saveLegacyH5(Model model, Path file) {
    List<Weight> weights = WeightOrder.ofArchitecture(model.architecture(), model.weights());
    LegacyH5Writer.write(model.architecture(), weights, DEFAULT_MODEL_NAME,
        KerasCompileConfig.of(model),
        KerasOptimizerVariables.of(model, weights, DEFAULT_MODEL_NAME), file);
  }

  public static void saveLegacyH5(Sequential architecture, List<Weight> weights,
      String modelName, Path file) {
    LegacyH5Writer.write(architecture, WeightOrder.ofArchitecture(architecture, weights),
        modelName, null, null, file);
  }
}
