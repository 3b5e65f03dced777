package dev.rnnkit.keras;

/**
 * Limits that a {@code .keras} zip must keep before RNNKit reads it, against zip bombs: a small
 * file that unzips to gigabytes, or to so many entries that listing them exhausts memory.
 *
 * <p>Keras writes three entries (config.json, metadata.json, model.weights.h5) and maybe a few
 * assets; float32 weights hardly compress, so a real model stays far inside the defaults. The
 * compression ratio is checked only for entries of at least {@value #RATIO_CHECK_MIN_BYTES}
 * bytes: small JSON files and tensors of zeros compress far better than 100 to 1 and are
 * harmless.
 *
 * <p>Within these limits a zip can still unzip to gigabytes (1.9 GB from 27 MB at 70 to 1), so
 * RNNKit never holds a whole entry in memory on the word of its size alone: a JSON entry is read
 * only up to {@value #MAX_JSON_BYTES} bytes, counted as it unzips, and the weights are unzipped
 * to a temporary file that the HDF5 reader maps from disk.
 *
 * @param maxEntries how many entries the zip may hold
 * @param maxTotalBytes how many bytes all entries may unzip to together
 * @param maxCompressionRatio how many times its compressed size an entry may unzip to
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, double maxCompressionRatio) {

  /** Entries smaller than this are not checked for their compression ratio. */
  public static final long RATIO_CHECK_MIN_BYTES = 1L << 20;

  /**
   * The most bytes RNNKit reads of a JSON text of a Keras file: 8 MiB. This bounds the entries
   * {@code config.json} and {@code metadata.json} of a {@code .keras} file (counted as they
   * unzip; a larger header size is refused before anything is read), the {@code model_config}
   * attribute of a legacy {@code .h5} file, and each object's metadata in a tf.keras
   * SavedModel. Real Keras configs are far smaller: a few kilobytes per layer, well under 1 MiB
   * even for a model of hundreds of layers. A larger one is taken for a damaged or crafted file
   * that would exhaust memory, and refused; unlike the limits above, it cannot be raised.
   */
  public static final int MAX_JSON_BYTES = 8 << 20;

  public ArchiveLimits {
    if (maxEntries < 1 || maxTotalBytes < 1 || !(maxCompressionRatio >= 1)) {
      throw new IllegalArgumentException("Archive limits must be positive (a ratio at least 1),"
          + " got " + maxEntries + " entries, " + maxTotalBytes + " bytes, ratio "
          + maxCompressionRatio);
    }
  }

  /** 1,000 entries, 4 GiB in all, 100 to 1. */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(1_000, 4L << 30, 100);
  }

  /**
   * The refusal of a JSON text beyond {@link #MAX_JSON_BYTES}.
   *
   * @param what what holds it and how large it is, e.g. {@code "m.keras: entry config.json
   *     unzips to 1073741876 bytes"}
   * @param kind what Keras calls it, e.g. {@code "config.json"}
   */
  static KerasImportException jsonTooLarge(String what, String kind) {
    return new KerasImportException(what + ", beyond the limit of " + (MAX_JSON_BYTES >> 20)
        + " MiB (" + MAX_JSON_BYTES + " bytes) that RNNKit reads of a Keras config"
        + " (ArchiveLimits.MAX_JSON_BYTES). A real Keras " + kind + " is far smaller (kilobytes,"
        + " under 1 MiB even for hundreds of layers): the file is damaged or crafted to exhaust"
        + " memory, so RNNKit does not read it");
  }
}
