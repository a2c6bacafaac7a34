package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kubernetes_sd_configs} job against a minimal API server that answers pod lists (and
 * holds watches open without events): the listed pod's port is scraped, relabelled from its meta
 * labels, and listed in {@code /api/v1/targets}. fabric8's mock server needs Vert.x on Netty 4.1,
 * which clashes with Armeria's Netty 4.2 here; moraine-kube's tests use it.
 */
class KubernetesScrapingTest {
  @TempDir Path dir;

  private static String get(HttpClient c, String url) throws Exception {
    return c.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void podsOfTheApiServerAreScrapedWithRelabelledMetaLabels() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/metrics",
        x -> {
          byte[] b = "app_ready 1\n".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    target.start();
    int port = target.getAddress().getPort();
    PodList pods =
        new PodListBuilder()
            .withNewMetadata()
            .withResourceVersion("1")
            .endMetadata()
            .addToItems(
                new PodBuilder()
                    .withNewMetadata()
                    .withNamespace("apps")
                    .withName("web-0")
                    .withResourceVersion("1")
                    .addToLabels("app", "web")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("app:1")
                    .addNewPort()
                    .withName("metrics")
                    .withContainerPort(port)
                    .withProtocol("TCP")
                    .endPort()
                    .endContainer()
                    .endSpec()
                    .withNewStatus()
                    .withPodIP("127.0.0.1")
                    .withPhase("Running")
                    .endStatus()
                    .build())
            .build();
    // Serialised here, before the server starts: fabric8's serialisation initialising on the
    // handler thread while the server's informers initialise it too deadlocks class init.
    byte[] listJson = Serialization.asJson(pods).getBytes(StandardCharsets.UTF_8);
    HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    CountDownLatch done = new CountDownLatch(1);
    api.setExecutor(Executors.newCachedThreadPool());
    api.createContext(
        "/api/v1/namespaces/apps/pods",
        x -> {
          x.getResponseHeaders().add("Content-Type", "application/json");
          if (String.valueOf(x.getRequestURI().getQuery()).contains("watch=true")) {
            // a watch as the API server keeps it: open, streaming, no events yet
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
          x.sendResponseHeaders(200, listJson.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(listJson);
          }
        });
    api.start();
    try {
      Path cfg = dir.resolve("moraine.yml");
      Files.writeString(
          cfg,
          """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
          scrape_configs:
            - job_name: kube-pods
              kubernetes_sd_configs:
                - role: pod
                  api_server: %s
                  namespaces:
                    names: [apps]
              relabel_configs:
                - source_labels: [__meta_kubernetes_pod_label_app]
                  target_label: app
          """
              .formatted("http://127.0.0.1:" + api.getAddress().getPort()));
      try (TestServer server = TestServer.start("--config", cfg.toString());
          HttpClient c = HttpClient.newHttpClient()) {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> get(c, server.url() + "/api/v1/targets").contains("\"health\":\"up\""));
        String targets = get(c, server.url() + "/api/v1/targets?state=active");
        assertThat(targets)
            .contains("\"scrapePool\":\"kube-pods\"")
            .contains("\"scrapeUrl\":\"http://127.0.0.1:" + port + "/metrics\"")
            .contains(
                "\"labels\":{\"app\":\"web\",\"instance\":\"127.0.0.1:"
                    + port
                    + "\",\"job\":\"kube-pods\"}")
            .contains("\"__meta_kubernetes_pod_container_port_name\":\"metrics\"");
        assertThat(get(c, server.url() + "/metrics"))
            .contains("moraine_sd_kubernetes_events_total{role=\"pod\",event=\"add\"} 1");
      }
    } finally {
      done.countDown();
      api.stop(0);
      target.stop(0);
    }
  }
}
