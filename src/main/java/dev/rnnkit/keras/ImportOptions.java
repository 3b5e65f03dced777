package dev.rnnkit.keras;

import java.util.OptionalInt;

/**
 * Options of an import. RNNKit unrolls recurrent layers over a fixed number of time steps, so a
 * Keras model whose input leaves the time axis open ({@code Input(shape=(None, 8))}) needs one.
 *
 * @param timeSteps the time steps to build for when the file leaves them unknown; ignored when
 *     the file fixes them
 */
public record ImportOptions(OptionalInt timeSteps) {

  public ImportOptions {
    if (timeSteps.isPresent() && timeSteps.getAsInt() <= 0) {
      throw new IllegalArgumentException("time steps must be positive, got " + timeSteps.getAsInt());
    }
  }

  public static ImportOptions defaults() {
    return new ImportOptions(OptionalInt.empty());
  }

  public static ImportOptions withTimeSteps(int timeSteps) {
    return new ImportOptions(OptionalInt.of(timeSteps));
  }
}
