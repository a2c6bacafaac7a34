package io.moraine.core.storage;

import java.io.Closeable;

/**
 * A metrics store: appendable and queryable. Thread-safe. {@link #close} flushes what must be
 * flushed and releases files; appenders and queriers must not be used after it.
 */
public interface Storage extends Appendable, Queryable, Closeable {
  /** The time range of data held, ms, or {@code [Long.MAX_VALUE, Long.MIN_VALUE]} when empty. */
  long minTime();

  long maxTime();

  @Override
  void close();
}
