package dev.rnnkit.keras;

import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.RecurrentLayer;
import dev.rnnkit.layers.TimeDistributed;
import dev.rnnkit.model.Sequential;

/**
 * Refuses {@code hard_sigmoid} in files not written by Keras 3. The name stayed, the formula
 * changed: tf.keras 2 computes {@code clip(0.2 x + 0.5, 0, 1)}, Keras 3 {@code clip(x / 6 + 0.5,
 * 0, 1)}, which is what RNNKit computes. Rather than carry a second formula that no fixture pins
 * down, a Keras 2 model with it is refused by name.
 */
final class Keras2HardSigmoid {

  /**
   * The version a legacy .h5 of this architecture records: the layout's 2.x version, unless a
   * layer uses hard_sigmoid, whose meaning the file must then pin to Keras 3's (Keras's h5
   * loaders look at the version only to convert Keras 1 weights).
   */
  static String legacyH5Version(Sequential architecture, String layoutVersion) {
    boolean uses = architecture.layers().stream().anyMatch(l -> usedOption(l) != null);
    return uses ? KerasArchiveWriter.KERAS_VERSION : layoutVersion;
  }

  private Keras2HardSigmoid() {}

  static ImportedModel check(ImportedModel imported) {
    String version = imported.metadata().kerasVersion();
    if (isKeras3OrLater(version)) {
      return imported;
    }
    for (Layer layer : imported.architecture().layers()) {
      String option = usedOption(layer);
      if (option != null) {
        throw new UnsupportedKerasFeatureException(layer.name(), option, layer.kerasClassName()
            + " layer '" + layer.name() + "': " + option + "='hard_sigmoid' in a file written by"
            + " Keras " + version + ", whose hard_sigmoid is clip(0.2x + 0.5, 0, 1); RNNKit computes"
            + " Keras 3's clip(x/6 + 0.5, 0, 1) only. Re-save the model with Keras 3 (its results"
            + " then change as Keras 3's do), or use 'sigmoid'");
      }
    }
    return imported;
  }

  private static boolean isKeras3OrLater(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot)) >= 3;
    } catch (NumberFormatException e) {
      return false; // "unknown": the formula cannot be told
    }
  }

  /** The config key whose activation is hard_sigmoid, or null. */
  private static String usedOption(Layer layer) {
    if (layer instanceof TimeDistributed distributed) {
      layer = distributed.layer();
    }
    if (layer instanceof Dense dense && dense.activation() == Activation.HARD_SIGMOID) {
      return "activation";
    }
    if (layer instanceof RecurrentLayer rnn) {
      if (rnn.options().activation() == Activation.HARD_SIGMOID) {
        return "activation";
      }
      if (rnn.options().recurrentActivation() == Activation.HARD_SIGMOID) {
        return "recurrent_activation";
      }
    }
    return null;
  }
}
