/**
 * Keras's losses as graph builders: {@link dev.rnnkit.losses.Loss#binaryCrossentropy()} and
 * {@link dev.rnnkit.losses.Loss#meanSquaredError()}, picked by their Keras names with {@link
 * dev.rnnkit.losses.Loss#fromKerasName}. A loss builds its scalar (and, where it pays, its
 * gradient at the logits) into a model's training graph when the model is compiled.
 *
 * <p>May use: TensorFlow's ops. Used by {@code model} (compile) and by the readers and writers
 * of saved and Keras models.
 */
package dev.rnnkit.losses;
