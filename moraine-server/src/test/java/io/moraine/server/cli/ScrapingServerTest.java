package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server scrapes what its configuration names and lists it in {@code /api/v1/targets}. */
class ScrapingServerTest {
  @TempDir Path dir;

  private static String get(HttpClient c, String url) throws Exception {
    return c.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void configuredTargetsAreScrapedAndListed() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/metrics",
        x -> {
          byte[] b =
              "# HELP app_ready Whether the app is ready.\n# TYPE app_ready gauge\napp_ready 1\n"
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    target.start();
    String addr = "127.0.0.1:" + target.getAddress().getPort();
    Path cfg = dir.resolve("moraine.yml");
    Files.writeString(
        cfg,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ["%s"]
                labels: {team: a}
        """
            .formatted(addr));
    try (TestServer server = TestServer.start("--config", cfg.toString());
        HttpClient c = HttpClient.newHttpClient()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(c, server.url() + "/api/v1/targets").contains("\"health\":\"up\""));
      String targets = get(c, server.url() + "/api/v1/targets?state=active");
      assertThat(targets)
          .contains("\"scrapePool\":\"app\"")
          .contains("\"scrapeUrl\":\"http://" + addr + "/metrics\"")
          .contains("\"labels\":{\"instance\":\"" + addr + "\",\"job\":\"app\",\"team\":\"a\"}");
      String q =
          URLEncoder.encode(
              "app_ready{job=\"app\",team=\"a\"} + on() group_left up", StandardCharsets.UTF_8);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(c, server.url() + "/api/v1/query?query=" + q).contains("\"2\""));
      assertThat(get(c, server.url() + "/api/v1/metadata?metric=app_ready"))
          .isEqualTo(
              "{\"status\":\"success\",\"data\":{\"app_ready\":[{\"type\":\"gauge\","
                  + "\"help\":\"Whether the app is ready.\",\"unit\":\"\"}]}}");
      String tm =
          get(
              c,
              server.url()
                  + "/api/v1/targets/metadata?match_target="
                  + URLEncoder.encode("{job=\"app\"}", StandardCharsets.UTF_8));
      assertThat(tm)
          .isEqualTo(
              "{\"status\":\"success\",\"data\":[{\"target\":{\"instance\":\""
                  + addr
                  + "\",\"job\":\"app\",\"team\":\"a\"},\"metric\":\"app_ready\",\"type\":\"gauge\","
                  + "\"help\":\"Whether the app is ready.\",\"unit\":\"\"}]}");
      assertThat(
              get(
                  c,
                  server.url()
                      + "/api/v1/targets/metadata?match_target="
                      + URLEncoder.encode("{job=\"other\"}", StandardCharsets.UTF_8)))
          .isEqualTo("{\"status\":\"success\",\"data\":[]}");
    } finally {
      target.stop(0);
    }
  }
}
