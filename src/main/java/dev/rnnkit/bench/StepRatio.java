package dev.rnnkit.bench;

/**
 * Time per training step of one model against another's, both measured in the same run (same
 * machine load, batch size and sequence length): e.g. bilstm / lstm, or a model with an open
 * length / the same with a fixed one.
 *
 * @param ratio {@code modelMillisPerStep / baselineMillisPerStep}
 */
public record StepRatio(String model, double modelMillisPerStep, String baseline,
    double baselineMillisPerStep, int timeSteps, double ratio) {

  public static StepRatio of(String model, double modelMillisPerStep, String baseline,
      double baselineMillisPerStep, int timeSteps) {
    return new StepRatio(model, modelMillisPerStep, baseline, baselineMillisPerStep, timeSteps,
        modelMillisPerStep / baselineMillisPerStep);
  }

  /** e.g. {@code bilstm / lstm training step: 2.05x (12.30 / 6.00 ms, 50 steps)}. */
  public String line() {
    return String.format(java.util.Locale.ROOT, "%s / %s training step: %.2fx (%.2f / %.2f ms,"
        + " %d time steps)", model, baseline, ratio, modelMillisPerStep, baselineMillisPerStep,
        timeSteps);
  }
}
