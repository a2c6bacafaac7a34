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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moraine remote-writes to a real VictoriaMetrics (Debian's {@code victoria-metrics}, child
 * processes on 127.0.0.1): samples imported into Moraine arrive; VictoriaMetrics is stopped, more
 * samples are imported, it is started again, and every sample arrives, exactly, through Moraine's
 * disk queue and retries. Needs {@code /usr/bin/victoria-metrics}; run with {@code -Pinterop}.
 */
@Tag("interop")
class VictoriaMetricsSendInteropTest {
  private static final Path VM = Path.of("/usr/bin/victoria-metrics");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SERIES = 5;

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
  void everySampleArrivesAcrossAnOutageOfTheRemote() throws Exception {
    assumeTrue(Files.isExecutable(VM), "needs " + VM);
    int moraine = freePort();
    int vmPort = freePort();
    Process vm = startVm(vmPort);
    awaitStatus(vmPort, "/health");
    startMoraine(moraine, vmPort);
    awaitStatus(moraine, "/-/ready");

    long t0 = System.currentTimeMillis() - 600_000;
    TreeMap<String, TreeMap<Long, Double>> sent = new TreeMap<>();
    importSamples(moraine, t0, 0, 20, sent);
    awaitExported(vmPort, sent);

    vm.destroy();
    assertThat(vm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    importSamples(moraine, t0, 20, 40, sent);
    Thread.sleep(3_000); // the sender retries meanwhile
    vm = startVm(vmPort);
    awaitStatus(vmPort, "/health");
    awaitExported(vmPort, sent);
  }

  private void importSamples(
      int port, long t0, int from, int to, TreeMap<String, TreeMap<Long, Double>> sent)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (int k = from; k < to; k++) {
      for (int s = 0; s < SERIES; s++) {
        long t = t0 + k * 1000L;
        double v = k * 1.5 + s;
        body.append("rw_interop{series=\"s").append(s).append("\"} ");
        body.append(v).append(' ').append(t).append('\n');
        sent.computeIfAbsent("s" + s, x -> new TreeMap<>()).put(t, v);
      }
    }
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/import/prometheus"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  private static void awaitExported(int vmPort, TreeMap<String, TreeMap<Long, Double>> sent) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(exported(vmPort)).isEqualTo(sent));
  }

  /** VictoriaMetrics' raw samples of {@code rw_interop}, by series label. */
  private static TreeMap<String, TreeMap<Long, Double>> exported(int port) throws Exception {
    get(port, "/internal/force_flush");
    String lines = get(port, "/api/v1/export?match[]=" + enc("rw_interop") + "&start=0").body();
    TreeMap<String, TreeMap<Long, Double>> out = new TreeMap<>();
    for (String line : lines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      assertThat(n.get("metric").get("__name__").asText()).isEqualTo("rw_interop");
      assertThat(n.get("metric").get("site").asText()).isEqualTo("test");
      TreeMap<Long, Double> samples = new TreeMap<>();
      for (int i = 0; i < n.get("values").size(); i++) {
        samples.put(n.get("timestamps").get(i).asLong(), n.get("values").get(i).asDouble());
      }
      out.put(n.get("metric").get("series").asText(), samples);
    }
    return out;
  }

  private Process startVm(int port) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            VM.toString(),
            "-httpListenAddr=127.0.0.1:" + port,
            "-storageDataPath=" + dir.resolve("vm"),
            "-retentionPeriod=100y",
            "-loggerLevel=WARN");
    pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("vm.log").toFile()));
    Process p = pb.start();
    children.add(p);
    return p;
  }

  private void startMoraine(int port, int vmPort) throws IOException {
    Path config = dir.resolve("moraine.yml");
    Files.writeString(
        config,
        """
        global:
          external_labels:
            site: test
        remote_write:
          - url: http://127.0.0.1:%d/api/v1/write
            name: vm
            queue_config:
              batch_send_deadline: 200ms
              min_backoff: 50ms
              max_backoff: 500ms
        """
            .formatted(vmPort));
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
            "--config",
            config.toString(),
            "--data",
            dir.resolve("moraine").toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("moraine.log").toFile());
    children.add(pb.start());
  }

  private static void awaitStatus(int port, String path) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get(port, path).statusCode() == 200);
  }

  private static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
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
