package io.moraine.server.backfill;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the samples of an OpenMetrics text file into blocks under a data directory, as {@code
 * promtool tsdb create-blocks-from openmetrics} does. The embedded store provides the
 * implementation; {@code moraine import openmetrics} drives it.
 */
@FunctionalInterface
public interface OpenMetricsImporter {
  /**
   * Imports {@code file} into {@code dataDir}. Runs on the calling thread; not to be run twice at
   * once on one directory. Nothing is visible in {@code dataDir} until the import succeeds: on
   * failure no partial block is left behind.
   *
   * @param progress told of progress from the calling thread, about every 64 KiB read and at the
   *     end; must be cheap
   * @return counts of what was written
   * @throws ImportException on the first line that is not valid OpenMetrics (or holds a sample the
   *     store rejects), naming the line
   * @throws IOException when the file cannot be read or the directory written
   */
  ImportResult run(Path file, Path dataDir, ProgressListener progress)
      throws ImportException, IOException;
}
