package io.moraine.server.backfill;

/** Progress of a long import. Called from the importing thread; implementations must be cheap. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param bytesRead bytes of the input consumed so far
   * @param totalBytes the input's size in bytes (0 when unknown)
   * @param samples samples read so far
   */
  void progress(long bytesRead, long totalBytes, long samples);

  /** A listener that ignores progress. */
  ProgressListener NONE = (bytesRead, totalBytes, samples) -> {};
}
