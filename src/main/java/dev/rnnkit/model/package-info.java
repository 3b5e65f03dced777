/**
 * Models: {@link dev.rnnkit.model.Sequential} describes one (an {@link
 * dev.rnnkit.model.InputSpec} and layers, Keras's summary and parameter counts), and {@link
 * dev.rnnkit.model.Model#compile} builds it into a TensorFlow graph with its weights, loss,
 * metrics and Adam, in a session. A {@link dev.rnnkit.model.Model} evaluates, predicts (batches
 * side by side), runs one training step, and reads and sets its weights and optimizer state;
 * it checks data before any native call; each layer's weights are read and set in Keras's names,
 * order and shapes ({@code layerWeights}, {@code setLayerWeights}). {@link
 * dev.rnnkit.model.InferenceModel} holds given weights for predict and evaluate only: no
 * gradients, optimizer state or initial draw. Training loops are not here: {@code
 * dev.rnnkit.train.Trainer} fits any {@link dev.rnnkit.model.Trainable}.
 * A model with an open length ({@code InputSpec.openTokens()}) builds one graph per batch length,
 * all sharing its weights and Adam slots ({@code LengthGraphs}); masks flow from layer to layer
 * ({@code Layer.outputMask}), and a masked sequence output's loss and metrics count its unmasked
 * steps. {@link dev.rnnkit.model.ArticleModels} builds the article's two models and Keras's
 * Bidirectional text classifier.
 *
 * <p>May use: {@code layers}, {@code losses}, {@code optimizers}, {@code metrics}, {@code data}
 * and TensorFlow. Never {@code train} or anything of the application.
 */
package dev.rnnkit.model;
