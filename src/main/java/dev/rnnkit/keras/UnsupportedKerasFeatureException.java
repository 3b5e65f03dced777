package dev.rnnkit.keras;

/**
 * A Keras model that is well formed but uses something RNNKit does not compute (a layer class, an
 * option value). Thrown instead of approximating: an imported model either computes what Keras
 * computes or is refused.
 */
public final class UnsupportedKerasFeatureException extends KerasImportException {

  private final String layerName;
  private final String option;

  public UnsupportedKerasFeatureException(String layerName, String option, String message) {
    super(message);
    this.layerName = layerName;
    this.option = option;
  }

  /** The Keras layer's name, or the model's for model-level options. */
  public String layerName() {
    return layerName;
  }

  /** The refused option (a config key) or class name. */
  public String option() {
    return option;
  }
}
