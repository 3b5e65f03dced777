package dev.rnnkit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rnnkit.layers.Layer;
import dev.rnnkit.layers.LayerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The description of a saved RNNKit model ({@code rnnkit.json}): the architecture as Keras layer
 * configs, the loss and optimizer settings, training progress, for text models how raw text
 * becomes token ids, and the keys its {@code serving_default} signature uses ({@code serving};
 * absent in files written before it was recorded, see {@link #servingKeys()}), and the names of
 * a classifier's classes 0, 1, ... ({@code class_names}, written only when the training data
 * named them, so binary models' files are as before). Jackson maps it to and from JSON.
 */
public record ModelConfig(
    String format,
    InputSpec input,
    List<LayerEntry> layers,
    String loss,
    Map<String, Object> optimizer,
    long iterations,
    TextSettings text,
    ServingKeys serving,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> classNames) {

  public static final String FORMAT = "rnnkit-model/1";

  /** One layer: Keras's {@code class_name} and {@code config}. */
  public record LayerEntry(String className, Map<String, Object> config) {}

  /**
   * How raw text is turned into ids: Keras's text_to_word_sequence rules, {@code index_from=3},
   * start id 1, out-of-vocabulary id 2, {@code num_words}, and {@code pad_sequences(maxlen)}
   * with pre-padding and pre-truncation. The vocabulary file lists words by frequency rank.
   */
  public record TextSettings(String vocabularyFile, int numWords, int maxLength) {}

  public static ModelConfig of(Sequential architecture, String loss, Map<String, Object> optimizer,
      long iterations, TextSettings text, ServingKeys serving) {
    return of(architecture, loss, optimizer, iterations, text, serving, null);
  }

  /** As above, with the names of the classes (null when there are none). */
  public static ModelConfig of(Sequential architecture, String loss, Map<String, Object> optimizer,
      long iterations, TextSettings text, ServingKeys serving, List<String> classNames) {
    List<LayerEntry> entries = new ArrayList<>();
    for (Layer layer : architecture.layers()) {
      entries.add(new LayerEntry(layer.kerasClassName(), new LinkedHashMap<>(layer.kerasConfig())));
    }
    return new ModelConfig(FORMAT, architecture.input(), entries, loss, optimizer, iterations, text,
        serving, classNames == null ? null : List.copyOf(classNames));
  }

  /** The serving keys recorded, or RNNKit's own ones for a file that records none. */
  public ServingKeys servingKeys() {
    return serving != null ? serving : ServingKeys.rnnkit(architecture());
  }

  /** Rebuilds the architecture. */
  public Sequential architecture() {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "Unknown model format '" + format + "': this RNNKit reads " + FORMAT);
    }
    List<Layer> built = new ArrayList<>();
    for (LayerEntry entry : layers) {
      built.add(LayerFactory.fromKerasConfig(entry.className(), entry.config()));
    }
    return new Sequential(input, built);
  }
}
