package dev.rnnkit.cli;

import dev.rnnkit.optimizers.Optimizer;
import picocli.CommandLine.Option;

/** {@code --optimizer} and {@code --learning-rate} of the commands that train a new model. */
final class OptimizerChoice {

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
      description = "adam, adamw, rmsprop or sgd, with Keras 3's defaults (Adam: learning rate"
          + " 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7; AdamW: Adam's plus weight_decay"
          + " 0.004; RMSprop: 0.001, rho 0.9, epsilon 1e-7; SGD: 0.01, no momentum)."
          + " Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(names = "--learning-rate", paramLabel = "LR",
      description = "The optimizer's learning rate instead of its Keras default.")
  Float learningRate;

  /** The optimizer asked for; a bad name or rate is refused with the choices. */
  Optimizer optimizer() {
    if (learningRate != null && !(learningRate > 0 && Float.isFinite(learningRate))) {
      throw new IllegalArgumentException("--learning-rate must be a positive number, got "
          + learningRate);
    }
    if (!java.util.List.of("adam", "adamw", "rmsprop", "sgd").contains(optimizer)) {
      throw new IllegalArgumentException("--optimizer " + optimizer + " is not supported: use"
          + " adam, adamw, rmsprop or sgd");
    }
    return Optimizer.named(optimizer, learningRate);
  }

  /** Whether either option was given (the fine-tuning of a saved model refuses them). */
  boolean given() {
    return learningRate != null || !"adam".equals(optimizer);
  }
}
