package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.engine.QueryException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The concurrency gate, the deadline and cancellation of queries. */
class QueryRunnerTest {
  private static ServiceRequestContext ctx() {
    return ServiceRequestContext.of(HttpRequest.of(HttpMethod.GET, "/api/v1/query"));
  }

  @Test
  void queriesBeyondTheLimitWaitForASlot() throws Exception {
    QueryRunner runner = new QueryRunner(new QueryLimits(10_000, 1), ApiTestServer.CLOCK);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () ->
                runner.run(
                    ctx(),
                    Long.MAX_VALUE,
                    qc -> {
                      running.countDown();
                      await(release);
                      return "first";
                    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(() -> runner.run(ctx(), Long.MAX_VALUE, qc -> "second"));
    Thread.sleep(200);
    assertThat(second).as("waits while the only slot is taken").isNotDone();
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
  }

  @Test
  void waitingPastTheDeadlineIsATimeoutInTheQueue() throws Exception {
    QueryRunner runner = new QueryRunner(new QueryLimits(10_000, 1), ApiTestServer.CLOCK);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> holder =
        CompletableFuture.supplyAsync(
            () ->
                runner.run(
                    ctx(),
                    Long.MAX_VALUE,
                    qc -> {
                      running.countDown();
                      await(release);
                      return "x";
                    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    assertThatThrownBy(() -> runner.run(ctx(), TimeUnit.MILLISECONDS.toNanos(150), qc -> "late"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT))
        .hasMessage("query timed out in query queue");
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    release.countDown();
    holder.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aZeroOrNegativeTimeoutNeverStarts() {
    QueryRunner runner = new QueryRunner(QueryLimits.DEFAULT, ApiTestServer.CLOCK);
    assertThatThrownBy(() -> runner.run(ctx(), -1, qc -> "never"))
        .hasMessage("query timed out in query queue");
  }

  @Test
  void theConfiguredTimeoutBoundsTheRequestedOne() {
    QueryRunner runner = new QueryRunner(new QueryLimits(50, 20), ApiTestServer.CLOCK);
    assertThatThrownBy(
            () ->
                runner.run(
                    ctx(),
                    Long.MAX_VALUE,
                    qc -> {
                      sleep(150);
                      qc.check();
                      return "too slow";
                    }))
        .isInstanceOf(QueryException.Timeout.class);
  }

  @Test
  void aClientThatGoesAwayCancelsTheQuery() throws Exception {
    QueryRunner runner = new QueryRunner(QueryLimits.DEFAULT, ApiTestServer.CLOCK);
    ServiceRequestContext ctx = ctx();
    AtomicReference<QueryContext> seen = new AtomicReference<>();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> q =
        CompletableFuture.supplyAsync(
            () ->
                runner.run(
                    ctx,
                    Long.MAX_VALUE,
                    qc -> {
                      seen.set(qc);
                      running.countDown();
                      while (true) {
                        qc.check();
                        sleep(5);
                      }
                    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    ctx.cancel();
    assertThat(q)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(QueryException.Canceled.class);
  }

  private static void await(CountDownLatch l) {
    try {
      assertThat(l.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
