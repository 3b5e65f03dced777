/**
 * Keras 3's optimizers as graph ops: {@link dev.rnnkit.optimizers.Optimizer} ({@code Adam},
 * {@code AdamW}, {@code RMSprop}, {@code SGD}, with Keras's weight decay and gradient clipping in
 * {@code OptimizerOptions}) adds its slots and update ops to a model's training graph when the
 * model is compiled, and converts itself to and from Keras's optimizer configs
 * ({@code KerasOptimizerConfig}). The learning rate is fed at every step and the step count stays
 * in Java (Adam gets it as fed powers). An Embedding's table is updated row-wise by plain Adam
 * with the same result as the dense update ({@code RowAdamUpdate}); every other setting sums the
 * rows into the dense gradient first.
 *
 * <p>May use: {@code layers} (the gradients a layer hands back) and TensorFlow's ops. Used by
 * {@code model} (compile) and by the readers and writers of saved and Keras models.
 */
package dev.rnnkit.optimizers;
