package io.moraine.apptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.rules.notify.Alert;
import io.moraine.rules.notify.alertmanager.AlertmanagerNotifier;
import io.moraine.rules.notify.alertmanager.AlertmanagerNotifierOptions;
import io.moraine.rules.notify.alertmanager.AlertmanagerSetOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager 0.25 (child process, 127.0.0.1, free ports) receives a firing alert from the
 * notifier, then its resolution; its webhook receiver (a JDK HttpServer here) must be told both.
 * Needs {@code /usr/bin/prometheus-alertmanager}; run with {@code -Pinterop}.
 */
@Tag("interop")
class AlertmanagerInteropTest {
  private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void firingThenResolvedReachTheWebhook() throws Exception {
    assumeTrue(Files.isExecutable(ALERTMANAGER), "no " + ALERTMANAGER);
    LinkedBlockingQueue<JsonNode> webhooks = new LinkedBlockingQueue<>();
    HttpServer hook = webhook(webhooks);
    int port = freePort();
    Process am = startAlertmanager(hook, port);
    MetricRegistry registry = new MetricRegistry();
    try (AlertmanagerNotifier n =
        new AlertmanagerNotifier(
            AlertmanagerNotifierOptions.DEFAULT
                .withExternalLabels(Labels.of("site", "edge-1"))
                .withSets(List.of(AlertmanagerSetOptions.of("config-0"))),
            Clock.SYSTEM,
            registry)) {
      n.updateTargets(
          "config-0", List.of(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts")));
      long now = Clock.SYSTEM.nowMillis();
      Labels labels = Labels.of("alertname", "DiskFull", "severity", "page");
      Map<String, String> ann = Map.of("summary", "disk <full>");
      JsonNode firing = null;
      long deadline = now + 30_000;
      while (firing == null && Clock.SYSTEM.nowMillis() < deadline) {
        // Alertmanager may still be starting: resend until the webhook hears of it.
        n.send(List.of(new Alert(labels, ann, now, Clock.SYSTEM.nowMillis() + 300_000, "")));
        firing = webhooks.poll(1, TimeUnit.SECONDS);
      }
      assertThat(firing).as("firing notification; see " + dir.resolve("am.log")).isNotNull();
      assertThat(firing.get("status").asText()).isEqualTo("firing");
      JsonNode a = firing.get("alerts").get(0);
      assertThat(a.get("labels").get("alertname").asText()).isEqualTo("DiskFull");
      assertThat(a.get("labels").get("site").asText()).isEqualTo("edge-1");
      assertThat(a.get("annotations").get("summary").asText()).isEqualTo("disk <full>");
      webhooks.clear();
      long end = Clock.SYSTEM.nowMillis();
      n.send(List.of(new Alert(labels, ann, now, end, "")));
      JsonNode resolved = null;
      while (resolved == null || !resolved.get("status").asText().equals("resolved")) {
        resolved = webhooks.poll(15, TimeUnit.SECONDS);
        assertThat(resolved).as("resolved notification").isNotNull();
      }
      assertThat(resolved.get("alerts").get(0).get("labels").get("alertname").asText())
          .isEqualTo("DiskFull");
    } finally {
      am.destroy();
      am.waitFor(10, TimeUnit.SECONDS);
      hook.stop(0);
    }
  }

  /**
   * The whole path: the Moraine server (child JVM) evaluates a rule file over a pushed metric,
   * sends the alert to the real Alertmanager named in {@code alerting}, whose webhook hears it
   * fire; when the push group is deleted the series goes stale, the alert resolves and the webhook
   * hears that.
   */
  @Test
  void theServerAlertsThroughAlertmanager() throws Exception {
    assumeTrue(Files.isExecutable(ALERTMANAGER), "no " + ALERTMANAGER);
    LinkedBlockingQueue<JsonNode> webhooks = new LinkedBlockingQueue<>();
    HttpServer hook = webhook(webhooks);
    int amPort = freePort();
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: batch
            interval: 1s
            rules:
              - alert: BatchJobFailed
                expr: batch_job_failed > 0
                labels: {severity: page}
                annotations:
                  summary: "job {{ $labels.job }} failed {{ $value }} times"
        """);
    int port = freePort();
    Files.writeString(
        dir.resolve("moraine.yml"),
        """
        global:
          evaluation_interval: 1s
          external_labels: {site: edge-1}
        rule_files: [rules.yml]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['127.0.0.1:%d']
        """
            .formatted(amPort));
    Process am = startAlertmanager(hook, amPort);
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process moraine =
        new ProcessBuilder(
                javaBin,
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
                dir.resolve("moraine.yml").toString(),
                "--data",
                dir.resolve("moraine").toString(),
                "--rules.default-pack=false")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("moraine.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    String push = "http://127.0.0.1:" + port + "/metrics/job/nightly";
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .pollInterval(java.time.Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () ->
                  http.send(
                              HttpRequest.newBuilder(URI.create(push))
                                  .PUT(HttpRequest.BodyPublishers.ofString("batch_job_failed 3\n"))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200);
      JsonNode firing = webhooks.poll(60, TimeUnit.SECONDS);
      assertThat(firing).as("firing; see " + dir.resolve("moraine.log")).isNotNull();
      HttpResponse<String> ams =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/alertmanagers"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(ams.body()).at("/data/activeAlertmanagers/0/url").asText())
          .isEqualTo("http://127.0.0.1:" + amPort + "/api/v2/alerts");
      assertThat(firing.get("status").asText()).isEqualTo("firing");
      JsonNode a = firing.get("alerts").get(0);
      assertThat(a.get("labels").get("alertname").asText()).isEqualTo("BatchJobFailed");
      assertThat(a.get("labels").get("site").asText()).isEqualTo("edge-1");
      assertThat(a.get("labels").get("job").asText()).isEqualTo("nightly");
      assertThat(a.get("annotations").get("summary").asText())
          .isEqualTo("job nightly failed 3 times");
      assertThat(a.get("generatorURL").asText()).contains("/graph?g0.expr=");
      webhooks.clear();
      http.send(
          HttpRequest.newBuilder(URI.create(push)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      JsonNode resolved = null;
      while (resolved == null || !resolved.get("status").asText().equals("resolved")) {
        resolved = webhooks.poll(60, TimeUnit.SECONDS);
        assertThat(resolved).as("resolved; see " + dir.resolve("moraine.log")).isNotNull();
      }
      assertThat(resolved.get("alerts").get(0).get("labels").get("alertname").asText())
          .isEqualTo("BatchJobFailed");
    } finally {
      moraine.destroy();
      moraine.waitFor(20, TimeUnit.SECONDS);
      am.destroy();
      am.waitFor(10, TimeUnit.SECONDS);
      hook.stop(0);
      http.close();
    }
  }

  /** A webhook receiver at {@code /hook} that queues every notification's JSON. */
  private static HttpServer webhook(LinkedBlockingQueue<JsonNode> into) throws IOException {
    HttpServer hook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/hook",
        ex -> {
          into.add(JSON.readTree(ex.getRequestBody()));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    hook.start();
    return hook;
  }

  /**
   * The real Alertmanager on {@code port}, without clustering, routing every alert at once (one
   * group per alertname) to {@code hook}'s webhook, resolutions included.
   */
  private Process startAlertmanager(HttpServer hook, int port) throws IOException {
    Files.writeString(
        dir.resolve("am.yml"),
        """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:%d/hook
                send_resolved: true
        """
            .formatted(hook.getAddress().getPort()));
    return new ProcessBuilder(
            ALERTMANAGER.toString(),
            "--config.file=" + dir.resolve("am.yml"),
            "--storage.path=" + dir.resolve("am-data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("am.log").toFile())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
