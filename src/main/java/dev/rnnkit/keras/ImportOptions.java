package dev.rnnkit.keras;

import java.util.OptionalInt;

/**
 * Options of an import. RNNKit unrolls recurrent layers over a fixed number of time steps, so a
 * Keras model whose input leaves the time axis open ({@code Input(shape=(None, 8))}) needs one.
 *
 * @param timeSteps the time steps to build for when the file leaves them unknown; ignored when
 *     the file fixes them
 * @param archiveLimits what a {@code .keras} zip may unzip to; see {@link ArchiveLimits}
 */
public record ImportOptions(OptionalInt timeSteps, ArchiveLimits archiveLimits) {

  public ImportOptions {
    if (timeSteps.isPresent() && timeSteps.getAsInt() <= 0) {
      throw new IllegalArgumentException("time steps must be positive, got " + timeSteps.getAsInt());
    }
    if (archiveLimits == null) {
      throw new IllegalArgumentException(
          "archive limits must be given; see ArchiveLimits.defaults()");
    }
  }

  public static ImportOptions defaults() {
    return new ImportOptions(OptionalInt.empty(), ArchiveLimits.defaults());
  }

  public static ImportOptions withTimeSteps(int timeSteps) {
    return new ImportOptions(OptionalInt.of(timeSteps), ArchiveLimits.defaults());
  }

  /** These options with other limits for {@code .keras} zips, e.g. for a model beyond 4 GiB. */
  public ImportOptions withArchiveLimits(ArchiveLimits limits) {
    return new ImportOptions(timeSteps, limits);
  }
}
