package io.moraine.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.Alert;
import io.moraine.server.config.ConfigLoader;
import io.moraine.server.config.MoraineConfig;
import io.moraine.server.scrape.TargetDiscovery;
import io.moraine.testkit.time.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertingTest {
  @Test
  void discoversRelabelsAndSendsToTheAlertmanagerPath() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          received.add(
              ex.getRequestURI().getPath()
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
    int port = server.getAddress().getPort();
    String yaml =
        """
        global:
          external_labels: {site: edge-1}
        alerting:
          alert_relabel_configs:
            - source_labels: [severity]
              regex: debug
              action: drop
          alertmanagers:
            - path_prefix: /am
              static_configs:
                - targets: ["127.0.0.1:%d", "127.0.0.1:1"]
                  labels: {zone: a}
              relabel_configs:
                - source_labels: [__address__]
                  regex: ".*:1"
                  action: drop
        """
            .formatted(port);
    MoraineConfig c = ConfigLoader.parse(yaml, Path.of("t.yml"), Path.of("."));
    MetricRegistry registry = new MetricRegistry();
    try (Alerting a =
        new Alerting(
            c.alerting(),
            c.global().externalLabels(),
            new ManualClock(1_000),
            registry,
            TargetDiscovery.Metrics.register(registry),
            "test")) {
      assertThat(a.sink()).isNotNull();
      a.start();
      URI expected = URI.create("http://127.0.0.1:" + port + "/am/api/v2/alerts");
      await().atMost(10, TimeUnit.SECONDS).until(() -> a.alertmanagers().equals(List.of(expected)));
      assertThat(a.droppedAlertmanagers())
          .containsExactly(URI.create("http://127.0.0.1:1/am/api/v2/alerts"));
      a.sink()
          .send(
              List.of(
                  new Alert(Labels.of("alertname", "Up", "severity", "page"), Map.of(), 1, 2, ""),
                  new Alert(
                      Labels.of("alertname", "Noise", "severity", "debug"), Map.of(), 1, 2, "")));
      await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 1);
      assertThat(received.getFirst())
          .startsWith("/am/api/v2/alerts [")
          .contains("\"labels\":{\"alertname\":\"Up\",\"severity\":\"page\",\"site\":\"edge-1\"}")
          .doesNotContain("Noise");
    } finally {
      server.stop(0);
    }
  }
}
