/**
 * RNNKit's own models as SavedModels: {@link dev.rnnkit.savedmodel.export.ModelDirectory} saves a
 * compiled model into a folder, all at once or not at all, and loads it back ready to predict or
 * train further; {@link dev.rnnkit.savedmodel.export.ModelExporter} writes the SavedModel itself
 * (signatures {@code serving_default} for ids and {@code serving_text} for raw text, with
 * Keras's text preprocessing inside the graph), which Python, TF Serving and TF Java load.
 *
 * <p>The folder holds the SavedModel, {@code rnnkit.json} (architecture, loss, optimizer, text
 * settings) and {@code assets.extra/java_predictions.json} (what the export returns in Java, for
 * {@code python/check_export.py}). {@link dev.rnnkit.savedmodel.export.ModelFolder} finds the
 * model inside a run's output folder.
 *
 * <p>{@link dev.rnnkit.savedmodel.export.ServingExport} copies a model folder into TF Serving's
 * layout, {@code BASE/NAME/VERSION/}, with warm-up requests ({@link
 * dev.rnnkit.savedmodel.export.WarmupFile}: a TFRecord file of TF Serving's PredictionLog
 * messages, encoded by hand since TF Java ships no TF Serving protos).
 *
 * <p>It uses the SavedModel client ({@link dev.rnnkit.savedmodel}) to load what it saved, its
 * safety rules ({@link dev.rnnkit.savedmodel.safety}) for the files a model names, {@link
 * dev.rnnkit.model}, {@link dev.rnnkit.train}, {@link dev.rnnkit.data} (the text rules) and
 * {@link dev.rnnkit.io}; never the application packages.
 */
package dev.rnnkit.savedmodel.export;
