package io.moraine.server.store;

import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.time.Clock;
import io.moraine.logs.store.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's log store with its lifecycle, as {@link StorageHandle} for metrics: requests before
 * {@link #open} returns or after {@link #close} began get {@link NotReadyException} (503).
 * Thread-safe; {@link #close} waits for an {@link #open} in progress.
 */
public final class LogsHandle implements LogAppendable, LogQueryable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogsHandle.class);

  private final Supplier<LogStore> opener;
  private final Clock clock;
  private volatile @Nullable LogStore store;

  /** Guarded by this. */
  private boolean closed;

  /**
   * @param opener opens the store (WAL replay); called once by {@link #open}
   * @param clock times the opening for the log line
   */
  public LogsHandle(Supplier<LogStore> opener, Clock clock) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Opens the store; the handle is ready afterwards.
   *
   * @throws IllegalStateException when already opened or closed
   */
  public synchronized void open() {
    if (closed) {
      throw new IllegalStateException("the log store was closed before it was opened");
    }
    if (store != null) {
      throw new IllegalStateException("BUG: log store opened twice");
    }
    long start = clock.nanoTime();
    store = Objects.requireNonNull(opener.get(), "opener returned null");
    LOG.atInfo()
        .addKeyValue("duration_ms", (clock.nanoTime() - start) / 1_000_000)
        .log("log store open");
  }

  /** Whether the store is open and not closing. */
  public boolean isReady() {
    return store != null;
  }

  /**
   * The open store.
   *
   * @throws NotReadyException before {@link #open} has returned or after {@link #close} began
   */
  public LogStore store() {
    LogStore s = store;
    if (s == null) {
      throw new NotReadyException("the log store is not ready");
    }
    return s;
  }

  @Override
  public LogAppender appender(String tenant) {
    return store().appender(tenant);
  }

  @Override
  public LogQuerier querier(String tenant, long minNanos, long maxNanos) {
    return store().querier(tenant, minNanos, maxNanos);
  }

  /** Closes the store once (head flushed, WAL closed); later calls return at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LogStore s = store;
    store = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        throw new UncheckedIOException("closing the log store", e);
      }
      LOG.atInfo().log("log store closed");
    }
  }
}
