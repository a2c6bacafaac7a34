package io.moraine.server.api.prom;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import io.moraine.server.store.StorageOpener;
import io.moraine.server.store.StorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Compiles the query path before the first dashboard asks for it. On one background thread it opens
 * a throwaway store in a temporary directory (through the server's own {@link StorageOpener}, so
 * the real read paths run), appends {@link WarmupSeries} through its appender, serves it with a
 * private copy of the query API (the same {@link PromApi} and {@link HttpServer}, with a registry
 * of their own) on an ephemeral loopback port, and asks it typical dashboard queries, instant and
 * range, one at a time over one keep-alive connection, until {@link Options#maxRounds} rounds or
 * {@link Options#maxMillis} have passed; then it stops the listener, closes the store and deletes
 * the directory. Nothing of it reaches the server's store, metrics or API. Thread-safe; {@link
 * #close} stops it early.
 */
public final class QueryWarmup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmup.class);

  /**
   * How much synthetic history the store holds: more than 120 samples a series, so that every
   * series has a full chunk (memory-mapped, read as the head's older chunks are) besides the open
   * one, and range queries cross from one to the other.
   */
  private static final long HISTORY_MILLIS = 30 * 60_000L;

  /** The span of the range queries: back over the chunk boundary 20 minutes into the history. */
  private static final long RANGE_MILLIS = 12 * 60_000L;

  /** The queries of a round: instant when true, else a range at 30 s steps. */
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
   * @param maxRounds most rounds (each asks every query once)
   * @param maxMillis most wall time from the start until the last round begins; stopping the
   *     private listener comes on top (Armeria's graceful stop, about 2 s on a 2-core machine)
   */
  public record Options(int maxRounds, long maxMillis) {
    /**
     * 2,000 rounds or 15 s: on this project's 2-core machine the per-request code (parameters,
     * parsing, routing) reaches C2 only after some 10,000 requests, and a tenth of that left the
     * first answers of a fresh server 3-5 times slower than warm; the time bound keeps a slow or
     * busy machine from spending more.
     */
    public static final Options DEFAULT = new Options(2_000, 15_000);

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

  private final Setup setup;
  private final Options options;
  private final Thread thread;
  private final CompletableFuture<Result> done = new CompletableFuture<>();
  private volatile boolean stopping;

  private QueryWarmup(Setup setup, Options options) {
    this.setup = setup;
    this.options = options;
    this.thread = Thread.ofPlatform().name("query-warmup").daemon().unstarted(this::runLogged);
  }

  /** Starts the warm-up on its own thread and returns at once. */
  public static QueryWarmup start(
      StorageOpener opener, Engine engine, QueryLimits limits, Clock clock, Options options) {
    QueryWarmup w =
        new QueryWarmup(
            new Setup(
                Objects.requireNonNull(opener, "opener"),
                Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(clock, "clock")),
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

  private record Setup(StorageOpener opener, Engine engine, QueryLimits limits, Clock clock) {}

  private void runLogged() {
    try {
      Result r = run(setup, options);
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(e);
    }
  }

  private Result run(Setup s, Options options) throws IOException, InterruptedException {
    Clock clock = s.clock();
    long startNanos = clock.nanoTime();
    long deadline = startNanos + options.maxMillis() * 1_000_000L;
    Path dir = Files.createTempDirectory("moraine-warmup");
    MetricRegistry registry = new MetricRegistry();
    int rounds = 0;
    int empty = 0;
    int series;
    try (StorageHandle store =
        new StorageHandle(s.opener(), new StorageSettings(dir, 86_400_000L, 0, clock), registry)) {
      store.open();
      long end = clock.nowMillis();
      series = WarmupSeries.append(store.storage(), end - HISTORY_MILLIS, end);
      PromApi api =
          new PromApi(
              store,
              s.engine(),
              s.limits(),
              clock,
              new MetricMetadataRegistry(),
              new ServerInfo("warm-up", end, "", Map.of()),
              ConfigReloadStatus.register(registry, end));
      InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      try (HttpServer http = api.register(HttpServer.builder(loopback, registry).quiet()).start()) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
          List<URI> uris = uris(http.localAddress(), end);
          while (rounds < options.maxRounds() && !stopping && clock.nanoTime() < deadline) {
            for (URI uri : uris) {
              if (ask(client, uri)) {
                empty++;
              }
            }
            rounds++;
          }
        } finally {
          // nothing is under way: drop the idle connection now rather than wait for it
          client.shutdownNow();
        }
      }
    } finally {
      deleteTree(dir);
    }
    return new Result(rounds, series, empty, (clock.nanoTime() - startNanos) / 1_000_000);
  }

  /** The round's requests, as Grafana sends them: instant at {@code end}, ranges up to it. */
  private static List<URI> uris(InetSocketAddress server, long end) {
    String base = "http://" + server.getAddress().getHostAddress() + ":" + server.getPort();
    String at = PromTimes.formatMillis(end);
    String from = PromTimes.formatMillis(end - RANGE_MILLIS);
    return QUERIES.stream()
        .map(
            q ->
                URI.create(
                    base
                        + (q.getValue()
                            ? "/api/v1/query?time=" + at
                            : "/api/v1/query_range?start=" + from + "&end=" + at + "&step=30")
                        + "&query="
                        + URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)))
        .toList();
  }

  /**
   * Asks one query and reads its whole answer.
   *
   * @return whether the answer had no result series
   * @throws IOException when the answer is not a success
   */
  private static boolean ask(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("warm-up query answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().contains("\"result\":[]");
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
