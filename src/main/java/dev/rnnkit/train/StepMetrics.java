package dev.rnnkit.train;

/** Sums over one batch: mean loss, correct predictions over all steps and over the last step. */
public record StepMetrics(
    double loss, int samples, double correctAll, long countAll, double correctLast, long countLast) {}
