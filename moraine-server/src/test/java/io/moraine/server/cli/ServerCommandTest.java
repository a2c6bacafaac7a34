package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SelectHints;
import io.moraine.server.backfill.ImportResult;
import io.moraine.server.store.InMemoryStorage;
import io.moraine.server.store.StorageOpener;
import io.moraine.server.store.StorageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code moraine server} run in-process, stopped the way SIGTERM stops it. */
class ServerCommandTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path tmp = Path.of("");

  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
  private final AtomicReference<ServerRuntime> runtime = new AtomicReference<>();
  private final StringWriter err = new StringWriter();

  private CompletableFuture<Integer> start(StorageOpener opener, String... args) {
    Main main =
        new Main(
            new Engines(opener, (f, d, p) -> new ImportResult(0, 0, 0, 0, 0)),
            hooks::add,
            runtime::set,
            () -> false);
    // the warm-up would open a second store through the opener these tests watch
    String[] argv =
        args.length > 0 && args[0].equals("server")
            ? java.util.stream.Stream.concat(
                    java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--query.warmup=false"))
                .toArray(String[]::new)
            : args;
    return CompletableFuture.supplyAsync(
        () -> main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), argv));
  }

  private static HttpResponse<String> get(ServerRuntime rt, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + rt.httpAddress().getPort() + path);
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private ServerRuntime awaitRuntime(CompletableFuture<Integer> exit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (runtime.get() == null && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(runtime.get()).as("server started; stderr: %s", err).isNotNull();
    return runtime.get();
  }

  @Test
  void servesUntilShutdownThenClosesTheStoreOnce() throws Exception {
    Path cfg = tmp.resolve("moraine.yml");
    Files.writeString(
        cfg, "storage:\n  tsdb:\n    path: from-config\n    retention:\n      size: 1GB\n");
    InMemoryStorage store = new InMemoryStorage();
    AtomicReference<StorageSettings> seen = new AtomicReference<>();
    CountDownLatch release = new CountDownLatch(1);
    StorageOpener opener =
        (settings, registry) -> {
          seen.set(settings);
          awaitQuietly(release);
          return store;
        };
    ListAppender<ILoggingEvent> logs = capture();
    Path data = tmp.resolve("data");
    CompletableFuture<Integer> exit =
        start(
            opener,
            "server",
            "--listen=127.0.0.1:0",
            "--config=" + cfg,
            "--data=" + data,
            "--retention.time=2h");
    ServerRuntime rt = awaitRuntime(exit);

    assertThat(get(rt, "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(get(rt, "/-/ready").statusCode()).as("store still opening").isEqualTo(503);
    release.countDown();
    awaitReady(rt);
    assertThat(get(rt, "/-/ready").body()).isEqualTo("Moraine is Ready.\n");
    assertThat(get(rt, "/metrics").body())
        .contains("moraine_build_info{version=\"dev\"} 1")
        .contains("process_cpu_seconds_total ");

    // flags win over the file, the file over the defaults
    assertThat(seen.get().dataDir()).isEqualTo(data);
    assertThat(seen.get().retentionTimeMillis()).isEqualTo(2 * 3_600_000);
    assertThat(seen.get().retentionSizeBytes()).isEqualTo(1L << 30);

    // the store the server opened really takes samples
    var app = store.appender();
    app.append(Labels.of("__name__", "up"), 1000, 1);
    app.commit();
    try (Querier q = store.querier(0, 2000)) {
      assertThat(q.select(false, SelectHints.NONE, Matcher.eq("__name__", "up")).next()).isTrue();
    }

    assertThat(hooks).hasSize(1);
    hooks.getFirst().run(); // what the JVM does on SIGTERM or SIGINT
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(store.closeCalls()).isEqualTo(1);
    hooks.getFirst().run();
    assertThat(store.closeCalls()).as("closing is idempotent").isEqualTo(1);
    assertThatThrownBy(() -> get(rt, "/-/healthy")).isInstanceOf(ConnectException.class);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsSubsequence("shutting down", "shutdown complete");
  }

  @Test
  void servesThePrometheusApiWithItsFlags() throws Exception {
    try (TestServer server = TestServer.start("--query.timeout=30s", "--retention.size=1GB")) {
      server.append(1000, 1, "__name__", "up", "job", "node");
      URI base = URI.create(server.url());
      String flags = send(base.resolve("/api/v1/status/flags")).body();
      assertThat(flags)
          .startsWith("{\"status\":\"success\",\"data\":{")
          .contains("\"listen\":\"127.0.0.1:0\"")
          .contains("\"query.timeout\":\"30s\"")
          .contains("\"query.max-samples\":\"50000000\"")
          .contains("\"query.max-concurrency\":\"20\"")
          .contains("\"query.lookback-delta\":\"5m\"")
          .contains("\"retention.size\":\"1GB\"", "\"retention.time\":\"\"")
          .doesNotContain("help", "version");
      assertThat(send(base.resolve("/api/v1/status/runtimeinfo")).body())
          .contains("\"storageRetention\":\"1GiB\"");
      assertThat(send(base.resolve("/api/v1/status/buildinfo")).body())
          .contains("\"version\":\"dev\"");
      assertThat(send(base.resolve("/api/v1/label/job/values")).body())
          .isEqualTo("{\"status\":\"success\",\"data\":[\"node\"]}");
      assertThat(get(server, "/metrics"))
          .contains(
              "moraine_http_requests_total{handler=\"/api/v1/label/:name/values\",code=\"200\"} 1");
    }
  }

  @Test
  void retentionIsReportedAsPrometheusPrintsIt() {
    assertThat(ServerCommand.base2Bytes(1L << 30)).isEqualTo("1GiB");
    assertThat(ServerCommand.base2Bytes((1L << 30) + (512L << 20) + 3)).isEqualTo("1GiB512MiB3B");
    assertThat(ServerCommand.base2Bytes(1000)).isEqualTo("1000B");
    assertThat(ServerCommand.retentionText(settings(15 * 86_400_000L, 0))).isEqualTo("15d");
    assertThat(ServerCommand.retentionText(settings(0, 512L << 20))).isEqualTo("512MiB");
    assertThat(ServerCommand.retentionText(settings(86_400_000L, 1L << 40)))
        .isEqualTo("1d or 1TiB");
    assertThat(ServerCommand.retentionText(settings(14 * 86_400_000L, 0))).isEqualTo("2w");
    assertThat(ServerCommand.retentionText(settings(365 * 86_400_000L + 3_600_000, 0)))
        .isEqualTo("365d1h");
  }

  private StorageSettings settings(long timeMillis, long sizeBytes) {
    return new StorageSettings(tmp, timeMillis, sizeBytes, io.moraine.core.time.Clock.SYSTEM);
  }

  private static HttpResponse<String> send(URI uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String get(TestServer server, String path) throws Exception {
    return send(URI.create(server.url() + path)).body();
  }

  @Test
  void aStoreThatFailsToOpenIsExit1AndReleasesThePort() throws Exception {
    StorageOpener opener =
        (settings, registry) -> {
          throw new IllegalStateException("data directory locked by another process");
        };
    CompletableFuture<Integer> exit =
        start(opener, "server", "--listen", "127.0.0.1:0", "--data", tmp.toString());
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("moraine: data directory locked by another process" + System.lineSeparator());
    ServerRuntime rt = runtime.get();
    assertThatThrownBy(() -> get(rt, "/-/healthy")).isInstanceOf(IOException.class);
  }

  private static void awaitReady(ServerRuntime rt) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!rt.isReady() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(rt.isReady()).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> a = new ListAppender<>();
    a.start();
    ((Logger) LoggerFactory.getLogger(ServerRuntime.class)).addAppender(a);
    return a;
  }
}
