package dev.rnnkit.train;

/**
 * Loss and binary accuracy over a data set. {@code accuracy} counts every output element (every
 * time step of a sequence output, as Keras's metric on broadcast labels would);
 * {@code lastStepAccuracy} counts only the last time step, the sequence's prediction. For a
 * many-to-one model the two are equal. Accuracies are NaN for a regression loss.
 */
public record Evaluation(double loss, double accuracy, double lastStepAccuracy, int samples) {}
