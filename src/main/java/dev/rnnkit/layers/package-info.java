/**
 * Keras's layers as TensorFlow ops: {@code Embedding}, {@code Masking}, {@code LSTM},
 * {@code GRU} (reset_after true or false), {@code SimpleRNN}, {@code Bidirectional} (a wrapper
 * over a recurrent layer, owning both halves' weights), {@code TimeDistributed} (over a Dense,
 * owning its weights), {@code GlobalMaxPooling1D},
 * {@code GlobalAveragePooling1D}, {@code Conv1D}, {@code MaxPooling1D},
 * {@code AveragePooling1D}, {@code Flatten} and {@code Dense}, each owning its weights and their Keras
 * initializers ({@code build} creates them, {@code call} computes), and the hand-written
 * gradients of the recurrent layers (TF Java has none for their fused kernels).
 *
 * <p>Part of the library. Uses TensorFlow Java only: no other RNNKit package.
 */
package dev.rnnkit.layers;
