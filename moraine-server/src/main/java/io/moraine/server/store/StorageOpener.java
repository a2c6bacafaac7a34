package io.moraine.server.store;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;

/**
 * The seam through which the server opens its metrics store. The embedded store ({@code
 * moraine-tsdb}) provides the production implementation; tests pass an in-memory one.
 *
 * <p>The server calls {@link #open} once per process, after its HTTP listener is up (so that {@code
 * /-/ready} answers 503 meanwhile), on the thread that runs the {@code server} command.
 */
@FunctionalInterface
public interface StorageOpener {
  /**
   * Opens the store in {@code settings.dataDir()}, creating the directory when absent and replaying
   * the write-ahead log; may take long. Returns only when the store takes appends and answers
   * queries.
   *
   * @param registry where the store registers its own metrics ({@code moraine_tsdb_*}); each name
   *     once
   * @return the open store; the caller owns it and closes it exactly once at shutdown ({@link
   *     Storage#close} flushes the head and closes the WAL)
   * @throws java.io.UncheckedIOException when the directory cannot be used (locked by another
   *     process, not writable)
   * @throws io.moraine.core.encoding.CorruptionException when data on disk fails a check that
   *     repair cannot handle
   */
  Storage open(StorageSettings settings, MetricRegistry registry);
}
