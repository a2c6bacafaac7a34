package io.moraine.server.store;

import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.Storage;
import io.moraine.testkit.storage.ReferenceStorage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The testkit's reference store for server tests, counting {@link #close} calls so tests can check
 * that the server closes its store exactly once.
 */
public final class InMemoryStorage implements Storage {
  private final ReferenceStorage store = new ReferenceStorage();
  private final AtomicInteger closeCalls = new AtomicInteger();

  /** How often {@link #close} was called. */
  public int closeCalls() {
    return closeCalls.get();
  }

  @Override
  public Appender appender() {
    return store.appender();
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
    closeCalls.incrementAndGet();
    store.close();
  }
}
