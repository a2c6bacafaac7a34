package io.moraine.server.api.prom;

import com.linecorp.armeria.common.HttpResponse;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Storage;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.server.store.StorageOpener;
import io.moraine.server.store.StorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the query path before the first dashboard asks for it: on one background thread, opens a
 * throwaway store in a temporary directory (through the server's own {@link StorageOpener}, so the
 * real read paths run), appends {@link WarmupSeries} through its appender, and answers typical
 * dashboard queries, instant and range, through the API's endpoints and JSON rendering, until
 * {@link Options#maxRounds} rounds or {@link Options#maxMillis} have passed; then closes and
 * deletes the store. Nothing of it reaches the server's store, metrics or API: the store has its
 * own registry and its own query slots. Thread-safe; {@link #close} stops it early.
 */
public final class QueryWarmup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmup.class);

  /** How much synthetic history the store holds: more than the widest range in the queries. */
  private static final long HISTORY_MILLIS = 10 * 60_000L;

  /** The queries of a round: instant when true, else a 5-minute range at 15 s steps. */
  private static final List<Map.Entry<String, Boolean>> QUERIES =
      List.of(
          Map.entry("up == 1", true),
          Map.entry("count by (__name__) ({__name__=~\"node_.+\"})", true),
          Map.entry("topk(5, rate(node_network_receive_bytes_total[5m]))", true),
          Map.entry("max_over_time(node_load1{job=\"node\"}[5m])", true),
          Map.entry(
              "node_memory_MemTotal_bytes * on (instance) group_left (nodename) node_uname_info",
              true),
          Map.entry("avg_over_time(node_load1[5m])", false),
          Map.entry("1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", false),
          Map.entry(
              "sum by (instance) (rate(node_network_receive_bytes_total{device=~\"eth.*|cni.*\"}[1m]))",
              false),
          Map.entry("sum by (mode) (rate(node_cpu_seconds_total[1m]))", false),
          Map.entry("count by (job) (up)", false),
          Map.entry(
              "histogram_quantile(0.99, sum by (le, handler)"
                  + " (rate(http_request_duration_seconds_bucket[5m])))",
              false));

  /**
   * @param maxRounds most rounds (each answers every query once)
   * @param maxMillis most wall time, store set-up included
   */
  public record Options(int maxRounds, long maxMillis) {
    /**
     * 300 rounds, 15 s: on a 2-core machine C2 has compiled the query path after about 200 rounds
     * (the first answers of a fresh server then run at warm speed); the time bound keeps a slow or
     * busy machine from spending more.
     */
    public static final Options DEFAULT = new Options(300, 15_000);

    public Options {
      if (maxRounds < 1 || maxMillis < 1) {
        throw new IllegalArgumentException("warm-up rounds and time must be positive");
      }
    }
  }

  /**
   * What a finished warm-up did.
   *
   * @param emptyAnswers answers with no result series (none when the synthetic data fits the
   *     queries)
   */
  public record Result(int rounds, int series, int emptyAnswers, long millis) {}

  private final Thread thread;
  private final CompletableFuture<Result> done = new CompletableFuture<>();
  private volatile boolean stopping;

  private QueryWarmup(
      StorageOpener opener, Engine engine, QueryLimits limits, Clock clock, Options options) {
    this.thread =
        Thread.ofPlatform()
            .name("query-warmup")
            .daemon()
            .unstarted(() -> runLogged(opener, engine, limits, clock, options));
  }

  /** Starts the warm-up on its own thread and returns at once. */
  public static QueryWarmup start(
      StorageOpener opener, Engine engine, QueryLimits limits, Clock clock, Options options) {
    QueryWarmup w =
        new QueryWarmup(
            Objects.requireNonNull(opener, "opener"),
            Objects.requireNonNull(engine, "engine"),
            Objects.requireNonNull(limits, "limits"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(options, "options"));
    w.thread.start();
    return w;
  }

  /** Completes when the warm-up has ended and its directory is gone; fails when it failed. */
  public CompletableFuture<Result> done() {
    return done;
  }

  /** Stops the warm-up after the query under way and waits until its store is deleted. */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runLogged(
      StorageOpener opener, Engine engine, QueryLimits limits, Clock clock, Options options) {
    try {
      Result r = run(opener, engine, limits, clock, options);
      LOG.atInfo()
          .addKeyValue("duration_ms", r.millis())
          .addKeyValue("rounds", r.rounds())
          .addKeyValue("series", r.series())
          .addKeyValue("empty_answers", r.emptyAnswers())
          .log("query warm-up done");
      done.complete(r);
    } catch (IOException | RuntimeException e) {
      LOG.atWarn().addKeyValue("err", e.toString()).setCause(e).log("query warm-up failed");
      done.completeExceptionally(e);
    }
  }

  private Result run(
      StorageOpener opener, Engine engine, QueryLimits limits, Clock clock, Options options)
      throws IOException {
    long startNanos = clock.nanoTime();
    long deadline = startNanos + options.maxMillis() * 1_000_000L;
    Path dir = Files.createTempDirectory("moraine-warmup");
    int rounds = 0;
    int empty = 0;
    int series;
    try {
      StorageSettings settings = new StorageSettings(dir, 86_400_000L, 0, clock);
      try (Storage store = opener.open(settings, new MetricRegistry())) {
        long end = clock.nowMillis();
        series = WarmupSeries.append(store, end - HISTORY_MILLIS, end);
        QueryEndpoints endpoints =
            new QueryEndpoints(() -> store, engine, new QueryRunner(limits, clock), clock);
        while (rounds < options.maxRounds() && !stopping && clock.nanoTime() < deadline) {
          for (Map.Entry<String, Boolean> q : QUERIES) {
            if (answer(endpoints, q.getKey(), q.getValue(), end)) {
              empty++;
            }
          }
          rounds++;
        }
      }
    } finally {
      deleteTree(dir);
    }
    return new Result(rounds, series, empty, (clock.nanoTime() - startNanos) / 1_000_000);
  }

  /**
   * Answers one query as the API does, rendering its JSON body (which is then dropped).
   *
   * @return whether the answer had no result series
   */
  private static boolean answer(QueryEndpoints endpoints, String query, boolean instant, long end)
      throws IOException {
    String seconds = PromTimes.formatMillis(end);
    JsonData data =
        instant
            ? endpoints.query(
                Params.of(Map.of("query", List.of(query), "time", List.of(seconds))),
                new CompletableFuture<>())
            : endpoints.queryRange(
                Params.of(
                    Map.of(
                        "query", List.of(query),
                        "start", List.of(PromTimes.formatMillis(end - 300_000)),
                        "end", List.of(seconds),
                        "step", List.of("15"))),
                new CompletableFuture<>());
    CompletableFuture<HttpResponse> response = new CompletableFuture<>();
    ApiService.writeSuccess(new AnswerOutput(response), data);
    return response.join().aggregate().join().contentUtf8().contains("\"result\":[]");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
