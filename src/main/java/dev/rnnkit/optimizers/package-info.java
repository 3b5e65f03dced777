/**
 * Keras's Adam as graph ops: {@link dev.rnnkit.optimizers.Adam} adds its slots and update ops to
 * a model's training graph when the model is compiled; the step count stays in Java and reaches
 * the graph as fed powers. An Embedding's table is updated row-wise with the same result as the
 * dense update ({@code RowAdamUpdate}).
 *
 * <p>May use: {@code layers} (the gradients a layer hands back) and TensorFlow's ops. Used by
 * {@code model} (compile) and by the readers and writers of saved and Keras models.
 */
package dev.rnnkit.optimizers;
