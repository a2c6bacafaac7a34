package io.moraine.server.store;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Opens the embedded store ({@code moraine-tsdb}) for the server. */
public final class TsdbStorageOpener implements StorageOpener {
  @Override
  public Storage open(StorageSettings s, MetricRegistry registry) {
    TsdbOptions o =
        TsdbOptions.DEFAULT.withRetention(s.retentionTimeMillis(), s.retentionSizeBytes());
    try {
      return Tsdb.open(s.dataDir(), o, s.clock(), registry);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
