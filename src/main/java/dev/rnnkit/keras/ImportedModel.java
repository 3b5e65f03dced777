package dev.rnnkit.keras;

import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.util.List;

/**
 * A Keras model read into RNNKit: its architecture, its weights (named {@code layer/weight}, in
 * the architecture's order) and what else the import found.
 */
public record ImportedModel(Sequential architecture, List<Weight> weights, ImportMetadata metadata) {

  public ImportedModel {
    weights = List.copyOf(weights);
  }

  /**
   * A trainable RNNKit model holding the imported weights: {@link Model#compile} draws initial
   * weights (seed 0), then the imported values replace every one of them. Close it after use.
   */
  public Model compile(Adam optimizer, Loss loss) {
    return Model.compile(architecture, optimizer, loss, weights);
  }

  /**
   * A prediction-only model holding the imported weights: no optimizer state and no initial draw,
   * unlike {@link #compile}. Close it after use.
   */
  public InferenceModel forInference() {
    return InferenceModel.of(architecture, weights);
  }
}
