package io.moraine.ingest.remotewrite;

/**
 * Bounds of the remote-write receiver.
 *
 * @param maxDecodedBytes the largest uncompressed request accepted; a larger one is refused before
 *     it is decompressed (the snappy header states the size)
 * @param maxCachedSeries series remembered by label bytes per cache generation; the cache keeps two
 *     generations, so at most twice this many entries are held
 */
public record RemoteWriteOptions(int maxDecodedBytes, int maxCachedSeries) {
  /**
   * 64 MiB decoded is 100x Prometheus' largest default batch (2,000 samples x ~300 bytes); 256 Ki
   * series per generation holds a 100k-series site twice over at ~300 bytes an entry.
   */
  public static final RemoteWriteOptions DEFAULT = new RemoteWriteOptions(64 << 20, 1 << 18);

  public RemoteWriteOptions {
    if (maxDecodedBytes <= 0) {
      throw new IllegalArgumentException("maxDecodedBytes must be positive: " + maxDecodedBytes);
    }
    if (maxCachedSeries <= 0) {
      throw new IllegalArgumentException("maxCachedSeries must be positive: " + maxCachedSeries);
    }
  }
}
