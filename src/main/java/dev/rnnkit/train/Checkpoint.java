package dev.rnnkit.train;

import dev.rnnkit.model.OptimizerState;
import dev.rnnkit.model.Weight;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a training run exactly: where the fit is, the weights, Adam's
 * state, the run's settings (to refuse resuming a different run) and, for text models, the
 * vocabulary.
 */
public record Checkpoint(
    FitState fit,
    List<Weight> weights,
    OptimizerState optimizer,
    Map<String, Object> settings,
    List<String> vocabulary) {}
