package org.tejido.analysis.qdpx;

/**
 * Bounds on what a {@code .qdpx} may unpack to, checked on the bytes actually inflated (never on
 * the sizes an archive declares about itself).
 *
 * @param maxTotalBytes uncompressed bytes of all entries together
 * @param maxEntries number of entries
 * @param maxCompressionRatio uncompressed bytes per compressed byte, over the whole archive once it
 *     has unpacked more than a megabyte
 */
public record Limits(long maxTotalBytes, int maxEntries, int maxCompressionRatio) {

  public Limits {
    if (maxTotalBytes <= 0 || maxEntries <= 0 || maxCompressionRatio <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 512 MiB, 10,000 entries, ratio 200: far above real projects, far below a zip bomb. */
  public static Limits defaults() {
    return new Limits(512L * 1024 * 1024, 10_000, 200);
  }
}
