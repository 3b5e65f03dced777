package dev.rnnkit.keras;

/** The Keras file formats RNNKit reads. */
public enum KerasFormat {
  /** tf.keras 2 {@code model.save(dir)}: a SavedModel directory with keras_metadata.pb. */
  TF_KERAS_SAVED_MODEL,
  /** Keras 3 {@code model.save("m.keras")}: a zip of config.json, metadata.json and weights. */
  KERAS_V3,
  /** Keras {@code model.save("m.h5")}: HDF5 with a model_config attribute and model_weights. */
  LEGACY_H5
}
