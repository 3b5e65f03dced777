package dev.rnnkit.keras;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found besides the architecture and weights.
 *
 * @param format the file's format
 * @param source the file or directory read
 * @param modelName the Keras model's name, e.g. {@code sequential_5}
 * @param kerasVersion the Keras version that wrote the file, or "unknown" when it is not recorded
 * @param notes things accepted as exact at inference but worth knowing, one sentence each
 * @param weightSources for each RNNKit weight name ({@code lstm_5/kernel}) where its values were
 *     read from (a checkpoint key or an HDF5 dataset path)
 */
public record ImportMetadata(
    KerasFormat format,
    Path source,
    String modelName,
    String kerasVersion,
    List<String> notes,
    Map<String, String> weightSources) {

  public ImportMetadata {
    notes = List.copyOf(notes);
    // Kept in the architecture's weight order.
    weightSources = Collections.unmodifiableMap(new LinkedHashMap<>(weightSources));
  }
}
