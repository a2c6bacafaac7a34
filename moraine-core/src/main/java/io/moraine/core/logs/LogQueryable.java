package io.moraine.core.logs;

/** Something log entries can be read from. Thread-safe. */
public interface LogQueryable {
  /**
   * A read view of one tenant's streams over the inclusive range {@code [minNanos, maxNanos]}. The
   * caller closes it.
   */
  LogQuerier querier(String tenant, long minNanos, long maxNanos);
}
