package io.moraine.ingest.remotewrite;

import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Storage;

/** A store whose appenders go through a {@link RemoteWriteTee}; everything else is the store's. */
final class TeeStorage implements Storage {
  private final Storage store;
  private final RemoteWriteTee tee;

  TeeStorage(Storage store, RemoteWriteTee tee) {
    this.store = store;
    this.tee = tee;
  }

  @Override
  public Appender appender() {
    return tee.appender();
  }

  @Override
  public Querier querier(long mint, long maxt) {
    return store.querier(mint, maxt);
  }

  @Override
  public long minTime() {
    return store.minTime();
  }

  @Override
  public long maxTime() {
    return store.maxTime();
  }

  @Override
  public void close() {
    store.close();
  }
}
