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

  /**
   * An Alertmanager found by {@code kubernetes_sd_configs} (role pod, a minimal API server that
   * lists one pod and holds its watch open), kept by {@code relabel_configs} on its meta labels.
   */
  @Test
  void discoversAlertmanagerPodsThroughKubernetes() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer am =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    am.createContext(
        "/",
        ex -> {
          received.add(ex.getRequestURI().getPath());
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    am.start();
    int amPort = am.getAddress().getPort();
    byte[] pods =
        """
        {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"1"},"items":[
         {"metadata":{"name":"alertmanager-0","namespace":"monitoring","resourceVersion":"1",
                      "labels":{"app":"alertmanager"}},
          "spec":{"containers":[{"name":"am","image":"am:0.25",
                  "ports":[{"name":"web","containerPort":%d,"protocol":"TCP"}]}]},
          "status":{"podIP":"127.0.0.1","phase":"Running"}},
         {"metadata":{"name":"other-0","namespace":"monitoring","resourceVersion":"1",
                      "labels":{"app":"other"}},
          "spec":{"containers":[{"name":"x","image":"x:1",
                  "ports":[{"name":"web","containerPort":1,"protocol":"TCP"}]}]},
          "status":{"podIP":"127.0.0.1","phase":"Running"}}]}
        """
            .formatted(amPort)
            .getBytes(StandardCharsets.UTF_8);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    HttpServer api =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    api.createContext(
        "/api/v1/namespaces/monitoring/pods",
        x -> {
          x.getResponseHeaders().add("Content-Type", "application/json");
          if (String.valueOf(x.getRequestURI().getQuery()).contains("watch=true")) {
            x.sendResponseHeaders(200, 0);
            x.getResponseBody().flush();
            try {
              done.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            x.close();
            return;
          }
          x.sendResponseHeaders(200, pods.length);
          try (java.io.OutputStream o = x.getResponseBody()) {
            o.write(pods);
          }
        });
    api.start();
    String yaml =
        """
        alerting:
          alertmanagers:
            - kubernetes_sd_configs:
                - role: pod
                  api_server: http://127.0.0.1:%d
                  namespaces: {names: [monitoring]}
              relabel_configs:
                - source_labels: [__meta_kubernetes_pod_label_app]
                  regex: alertmanager
                  action: keep
        """
            .formatted(api.getAddress().getPort());
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
      a.start();
      URI expected = URI.create("http://127.0.0.1:" + amPort + "/api/v2/alerts");
      await().atMost(15, TimeUnit.SECONDS).until(() -> a.alertmanagers().equals(List.of(expected)));
      assertThat(a.droppedAlertmanagers())
          .containsExactly(URI.create("http://127.0.0.1:1/api/v2/alerts"));
      a.sink().send(List.of(new Alert(Labels.of("alertname", "Up"), Map.of(), 1, 2, "")));
      await().atMost(10, TimeUnit.SECONDS).until(() -> received.contains("/api/v2/alerts"));
    } finally {
      done.countDown();
      api.stop(0);
      am.stop(0);
    }
  }
}
