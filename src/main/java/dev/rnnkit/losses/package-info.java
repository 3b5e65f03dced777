/**
 * Keras's losses as graph builders: binary, categorical and sparse categorical cross-entropy
 * (each with Keras's {@code from_logits}), mean squared and mean absolute error, made by {@link
 * dev.rnnkit.losses.Loss}'s factories or picked by their Keras names with {@link
 * dev.rnnkit.losses.Loss#fromKerasName(String, boolean)}. A loss builds its scalar (and, where it
 * pays, its gradient at the logits) into a model's training graph when the model is compiled, and
 * serializes itself as Keras 3 does ({@link dev.rnnkit.losses.Loss#kerasSerialized()}).
 *
 * <p>May use: TensorFlow's ops. Used by {@code model} (compile) and by the readers and writers
 * of saved and Keras models.
 */
package dev.rnnkit.losses;
