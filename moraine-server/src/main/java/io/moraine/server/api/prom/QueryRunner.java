package io.moraine.server.api.prom;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.QueryContext;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs queries within {@link QueryLimits}: at most {@code maxConcurrency} at once, the others
 * waiting in arrival order (as Prometheus' active query tracker makes them wait), each under one
 * deadline that covers waiting and evaluation, and each cancelled when its client goes away.
 * Thread-safe.
 */
final class QueryRunner {
  /** How often a waiting query looks at its deadline and its client. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Semaphore slots;
  private final long timeoutNanos;
  private final Clock clock;

  QueryRunner(QueryLimits limits, Clock clock) {
    this.slots = new Semaphore(limits.maxConcurrency(), true);
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis());
    this.clock = clock;
  }

  /** The configured timeout, in ns. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * Waits for a slot, then evaluates.
   *
   * @param requestedTimeoutNanos the request's {@code timeout}; the configured one when larger
   * @throws ApiException {@code timeout} or {@code canceled} "in query queue" when the deadline
   *     passes or the client goes away while waiting
   */
  <T> T run(
      ServiceRequestContext ctx, long requestedTimeoutNanos, Function<QueryContext, T> query) {
    long timeout = Math.min(requestedTimeoutNanos, timeoutNanos);
    long deadline = clock.nanoTime() + Math.max(timeout, 0);
    QueryContext qc = QueryContext.withTimeout(Math.max(timeout, 1));
    AtomicBoolean gone = new AtomicBoolean();
    ctx.whenRequestCancelling()
        .thenRun(
            () -> {
              gone.set(true);
              qc.cancel();
            });
    acquire(deadline, timeout <= 0, gone);
    try {
      return query.apply(qc);
    } finally {
      slots.release();
    }
  }

  private void acquire(long deadline, boolean expired, AtomicBoolean gone) {
    if (expired) {
      throw timedOut();
    }
    try {
      while (!slots.tryAcquire(
          Math.min(POLL_NANOS, deadline - clock.nanoTime()), TimeUnit.NANOSECONDS)) {
        if (gone.get()) {
          throw new ApiException(ErrorType.CANCELED, "query was canceled in query queue");
        }
        if (deadline - clock.nanoTime() <= 0) {
          throw timedOut();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorType.CANCELED, "query was canceled in query queue");
    }
  }

  private static ApiException timedOut() {
    return new ApiException(ErrorType.TIMEOUT, "query timed out in query queue");
  }
}
