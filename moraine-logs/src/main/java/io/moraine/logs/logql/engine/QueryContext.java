package io.moraine.logs.logql.engine;

import io.moraine.core.logs.LogQuerier;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.logs.LogReadStats;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one query's evaluation: the queriers it opened (closed at the end), its counters and
 * its deadline. One query's thread.
 */
final class QueryContext implements AutoCloseable {
  /** Entries between deadline checks: a clock read per entry would cost more than the entry. */
  private static final int DEADLINE_CHECK_MASK = 1023;

  private final LogQueryable store;
  private final String tenant;
  final EngineOptions options;
  final LogReadStats stats;
  private final long deadlineNanos;
  private final List<LogQuerier> queriers = new ArrayList<>();
  long linesProcessed;
  long bytesProcessed;

  QueryContext(LogQueryable store, String tenant, EngineOptions options, LogReadStats stats) {
    this.store = store;
    this.tenant = tenant;
    this.options = options;
    this.stats = stats;
    this.deadlineNanos = options.clock().nanoTime() + options.timeoutNanos();
  }

  /** A querier over the inclusive range, closed with this context. */
  LogQuerier querier(long minNanos, long maxNanos) {
    LogQuerier q = store.querier(tenant, minNanos, maxNanos);
    queriers.add(q);
    return q;
  }

  /** Counts one entry given to a pipeline; checks the deadline now and then. */
  void countLine(int lengthBytes) {
    bytesProcessed += lengthBytes;
    if ((++linesProcessed & DEADLINE_CHECK_MASK) == 0) {
      checkDeadline();
    }
  }

  /** Fails the query when its time is up. */
  void checkDeadline() {
    if (options.clock().nanoTime() - deadlineNanos > 0) {
      throw new QueryTimeoutException(options.timeoutNanos());
    }
  }

  @Override
  public void close() {
    @Nullable RuntimeException first = null;
    for (LogQuerier q : queriers) {
      try {
        q.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    queriers.clear();
    if (first != null) {
      throw first;
    }
  }
}
