/**
 * Keras interoperability: {@link dev.rnnkit.keras.KerasImporter} reads a Keras model (a tf.keras 2
 * SavedModel directory, a Keras 3 {@code .keras} file or a legacy {@code .h5} file) into an RNNKit
 * architecture and weights; {@link dev.rnnkit.keras.KerasExporter} writes one back as a
 * {@code .keras} (or legacy {@code .h5}) file.
 *
 * <p>Supported: Sequential models of InputLayer, Embedding, Masking, LSTM, GRU (reset_after true
 * or false), SimpleRNN, GlobalMaxPooling1D, GlobalAveragePooling1D (channels_last, keepdims
 * false) and Dense (linear, relu, sigmoid, tanh, softmax, hard_sigmoid, softsign), with
 * return_sequences either way; LSTM, GRU and SimpleRNN with go_backwards, use_bias,
 * unit_forget_bias (LSTM) and any of those activations but softmax as activation or
 * recurrent_activation. hard_sigmoid is Keras
 * 3's {@code clip(x/6 + 0.5, 0, 1)}: in a file written by Keras 2, whose hard_sigmoid was
 * {@code clip(0.2x + 0.5, 0, 1)}, it is refused. Bidirectional over LSTM or GRU with
 * merge_mode concat, sum, mul or ave (its backward_layer, if recorded, the forward layer's
 * mirror); its weights sit at {@code layers/bidirectional/forward_layer/cell/vars} (.keras)
 * and {@code bidirectional/forward_gru/gru_cell/kernel:0} (.h5). TimeDistributed over a Dense
 * only; its weights sit at {@code layers/time_distributed/layer/vars} (.keras) and
 * {@code time_distributed/dense/kernel:0} (.h5). Conv1D (valid, same or causal padding,
 * strides, dilation_rate, use_bias; groups 1, channels_last), MaxPooling1D and AveragePooling1D
 * (valid or same) and Flatten (a known number of steps); Conv1D's weights sit at
 * {@code layers/conv1d/vars} (.keras) and {@code conv1d/conv1d/kernel:0} (.h5).
 * Dropout and SpatialDropout1D are imported as layers, and an RNN's dropout / recurrent_dropout
 * as its options: the identity at inference, as in Keras, and dropout in RNNKit's fit. Anything
 * else is refused with {@link dev.rnnkit.keras.UnsupportedKerasFeatureException}
 * naming the layer and the option.
 *
 * <p>Files are read as untrusted: a {@code .keras} zip whose entry names leave the archive or
 * that unzips beyond {@link dev.rnnkit.keras.ArchiveLimits} is refused before anything is
 * unzipped, and a damaged zip, HDF5 file or protobuf ends in a
 * {@link dev.rnnkit.keras.KerasImportException} naming the file. No importer runs the model's
 * TensorFlow graph: a SavedModel's weights are read with a {@code RestoreV2} op of RNNKit's own.
 */
package dev.rnnkit.keras;
