/**
 * Keras's metrics, by the names Keras logs them under: {@link dev.rnnkit.metrics.BinaryAccuracy},
 * {@link dev.rnnkit.metrics.SparseCategoricalAccuracy} and {@link
 * dev.rnnkit.metrics.CategoricalAccuracy} (each {@code accuracy}, the one Keras resolves
 * {@code metrics=["accuracy"]} to for the labels and output), {@link
 * dev.rnnkit.metrics.LastStepBinaryAccuracy} ({@code
 * last_step_accuracy}, RNNKit's own: a sequence output's last step, the sequence's prediction)
 * and the running {@link dev.rnnkit.metrics.Mean} every one of them, and the loss, is averaged
 * with. A {@link dev.rnnkit.metrics.Metric} adds its batch total to a model's graph; {@link
 * dev.rnnkit.metrics.RunningMeans} sums batches in Java; {@link dev.rnnkit.metrics.Evaluation},
 * what {@code evaluate} returns, holds the results by name.
 *
 * <p>May use: TensorFlow's ops. Used by {@code model} (which computes them) and {@code train}
 * (which averages them over an epoch).
 */
package dev.rnnkit.metrics;
