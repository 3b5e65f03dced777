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
 * @param maxEntries how many entries the zip may hold
 * @param maxTotalBytes how many bytes all entries may unzip to together
 * @param maxCompressionRatio how many times its compressed size an entry may unzip to
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, double maxCompressionRatio) {

  /** Entries smaller than this are not checked for their compression ratio. */
  public static final long RATIO_CHECK_MIN_BYTES = 1L << 20;

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
}
