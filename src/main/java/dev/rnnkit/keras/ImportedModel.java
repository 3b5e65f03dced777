package dev.rnnkit.keras;

import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.InferenceModel;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keras model read into RNNKit: its architecture, its weights (named {@code layer/weight}, in
 * the architecture's order), what else the import found, and how Keras compiled it.
 *
 * @param compileConfig the optimizer, loss and metrics the file was compiled with; null for an
 *     uncompiled model or one whose compile config RNNKit cannot use (the notes say why)
 * @param optimizerState the optimizer's saved state (step count and slots in Keras's order,
 *     named by their Keras paths), or null when none was saved or it could not be mapped (the
 *     notes say why); it belongs to {@code compileConfig}'s optimizer
 */
public record ImportedModel(Sequential architecture, List<Weight> weights, ImportMetadata metadata,
    KerasCompileConfig compileConfig, OptimizerState optimizerState) {

  public ImportedModel {
    weights = List.copyOf(weights);
    if (optimizerState != null && compileConfig == null) {
      throw new IllegalArgumentException("An optimizer state needs the compile config it belongs to");
    }
  }

  /** An uncompiled import. */
  public ImportedModel(Sequential architecture, List<Weight> weights, ImportMetadata metadata) {
    this(architecture, weights, metadata, null, null);
  }

  /**
   * The optimizer fine-tuning uses: the file's, or Keras's Adam defaults for a model without a
   * usable compile config.
   */
  public Optimizer optimizer() {
    return compileConfig != null ? compileConfig.optimizer() : Adam.keras();
  }

  /** The loss fine-tuning uses: the file's, or the one that fits the output. */
  public Loss loss() {
    return compileConfig != null ? compileConfig.loss() : architecture.fittingLoss();
  }

  /**
   * A trainable RNNKit model compiled as the file says ({@link #optimizer()}, {@link #loss()}),
   * holding the imported weights and, when the file saved one, the optimizer's state, so that
   * training continues where Python stopped. Close it after use.
   */
  public Model compile() {
    Model model = compile(optimizer(), loss());
    try {
      if (optimizerState != null) {
        model.setOptimizerState(renamed(model.optimizerState()));
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The saved state under the model's slot names (same order and shapes, checked at import). */
  private OptimizerState renamed(OptimizerState fresh) {
    List<Weight> slots = new ArrayList<>();
    for (int i = 0; i < fresh.slots().size(); i++) {
      Weight own = fresh.slots().get(i);
      slots.add(new Weight(own.name(), own.shape(), optimizerState.slots().get(i).values()));
    }
    return new OptimizerState(optimizerState.iterations(), slots);
  }

  /**
   * A trainable RNNKit model holding the imported weights: {@link Model#compile} draws initial
   * weights (seed 0), then the imported values replace every one of them. Close it after use.
   */
  public Model compile(Optimizer optimizer, Loss loss) {
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
