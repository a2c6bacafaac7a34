package io.moraine.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus 2.42 scrapes itself every second and remote-writes to a real Moraine server
 * (child processes, 127.0.0.1, free ports, temporary directories). After ~10 s both must hold the
 * same series and the same raw samples up to a common time, and answer the same {@code
 * query_range}. Needs {@code /usr/bin/prometheus}; run with {@code -Pinterop}.
 */
@Tag("interop")
class RemoteWriteInteropTest {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroy();
    }
    for (Process p : children) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void moraineHoldsWhatPrometheusRemoteWroteToIt() throws Exception {
    assumeTrue(Files.isExecutable(PROMETHEUS), "needs " + PROMETHEUS);
    int moraine = freePort();
    int prometheus = freePort();
    startMoraine(moraine);
    awaitReady(moraine);
    startPrometheus(prometheus, moraine);
    awaitReady(prometheus);

    Thread.sleep(10_000);
    // a common end time: what Prometheus scraped up to here has had a few seconds to be shipped
    double end = System.currentTimeMillis() / 1000.0 - 3;
    double start = end - 8;
    String selector = "{job=\"prometheus\"}";
    String samples = "prometheus_http_requests_total[8s]";

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(series(moraine, selector, start, end))
                  .isNotEmpty()
                  .isEqualTo(series(prometheus, selector, start, end));
              assertThat(rawSamples(moraine, samples, end))
                  .isNotEmpty()
                  .isEqualTo(rawSamples(prometheus, samples, end));
            });
    Map<String, List<List<Double>>> range =
        queryRange(prometheus, "prometheus_http_requests_total", start, end);
    assertThat(range).isNotEmpty();
    assertThat(queryRange(moraine, "prometheus_http_requests_total", start, end)).isEqualTo(range);
    assertThat(queryRange(moraine, "sum by (job) (rate(up[5s]))", start, end))
        .isEqualTo(queryRange(prometheus, "sum by (job) (rate(up[5s]))", start, end));
    // many series, all with a name, every sample of the same count
    assertThat(rawSamples(moraine, "{job=\"prometheus\"}[8s]", end))
        .hasSizeGreaterThan(100)
        .isEqualTo(rawSamples(prometheus, "{job=\"prometheus\"}[8s]", end));
  }

  private void startMoraine(int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            System.getProperty("java.class.path"),
            "io.moraine.server.cli.Main",
            "server",
            "--listen",
            "127.0.0.1:" + port,
            "--data",
            dir.resolve("moraine").toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("moraine.log").toFile());
    children.add(pb.start());
  }

  private void startPrometheus(int port, int moraine) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["127.0.0.1:%d"]
        remote_write:
          - url: http://127.0.0.1:%d/api/v1/write
            queue_config:
              batch_send_deadline: 1s
              min_backoff: 100ms
        """
            .formatted(port, moraine));
    ProcessBuilder pb =
        new ProcessBuilder(
            PROMETHEUS.toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("prometheus"),
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile());
    children.add(pb.start());
  }

  private static void awaitReady(int port) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get(port, "/-/ready").statusCode() == 200);
  }

  /** The label sets of {@code /api/v1/series}, as sorted JSON objects. */
  private static TreeSet<String> series(int port, String match, double start, double end)
      throws Exception {
    JsonNode data =
        data(port, "/api/v1/series?match[]=" + enc(match) + "&start=" + start + "&end=" + end);
    TreeSet<String> out = new TreeSet<>();
    data.forEach(s -> out.add(sorted(s)));
    return out;
  }

  /** Raw samples of a range selector evaluated at {@code time}: series → [[t, v], ...]. */
  private static Map<String, List<List<Double>>> rawSamples(int port, String query, double time)
      throws Exception {
    return matrix(data(port, "/api/v1/query?query=" + enc(query) + "&time=" + time));
  }

  private static Map<String, List<List<Double>>> queryRange(
      int port, String query, double start, double end) throws Exception {
    return matrix(
        data(
            port,
            "/api/v1/query_range?query="
                + enc(query)
                + "&start="
                + start
                + "&end="
                + end
                + "&step=1"));
  }

  private static Map<String, List<List<Double>>> matrix(JsonNode data) {
    assertThat(data.path("resultType").asText()).isEqualTo("matrix");
    Map<String, List<List<Double>>> out = new TreeMap<>();
    for (JsonNode s : data.get("result")) {
      List<List<Double>> points = new ArrayList<>();
      for (JsonNode p : s.get("values")) {
        points.add(List.of(p.get(0).asDouble(), Double.parseDouble(p.get(1).asText())));
      }
      out.put(sorted(s.get("metric")), points);
    }
    return out;
  }

  private static String sorted(JsonNode labels) {
    Map<String, String> m = new TreeMap<>();
    labels.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m.toString();
  }

  private static JsonNode data(int port, String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(port, pathAndQuery);
    assertThat(r.statusCode()).as("%s on :%d: %s", pathAndQuery, port, r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("data");
  }

  private static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
