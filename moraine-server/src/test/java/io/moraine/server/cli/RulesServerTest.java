package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule side through the whole server: rule files from the config are evaluated over the store,
 * a firing alert reaches a webhook through the built-in routing with its templates expanded, the
 * APIs list rules, alerts, silences and the alert history, and a reload with a broken file keeps
 * the old rules.
 */
class RulesServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static final String RULES =
      """
      groups:
        - name: test
          interval: 1s
          rules:
            - record: job:test_metric:sum
              expr: sum by (job) (test_metric)
            - alert: TestMetricHigh
              expr: test_metric > 5
              labels:
                severity: page
              annotations:
                summary: "value {{ $value }} on {{ $labels.instance }}"
      """;

  private static JsonNode get(HttpClient c, String url) throws Exception {
    HttpResponse<String> r =
        c.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> ruleNames(HttpClient c, String url) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode g : get(c, url).path("data").path("groups")) {
      for (JsonNode r : g.path("rules")) {
        names.add(r.path("name").asText());
      }
    }
    return names;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpClient c, String method, String url, String body)
      throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void alertsAreEvaluatedRoutedListedSilencedAndKeptInTheHistory() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        ex -> {
          received.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    hook.start();
    Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
    Path cfg =
        Files.writeString(
            dir.resolve("moraine.yml"),
            """
            global:
              evaluation_interval: 1s
            rule_files: [rules.yml]
            notify:
              route:
                receiver: hook
                group_by: [alertname]
                group_wait: 0s
              receivers:
                - name: hook
                  webhook_configs:
                    - url: http://127.0.0.1:%d/hook
            """
                .formatted(hook.getAddress().getPort()));
    try (TestServer server =
            TestServer.start(
                "--config",
                cfg.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--rules.default-pack=false");
        HttpClient c = HttpClient.newHttpClient()) {
      String base = server.url();
      Thread feeder =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      server.append(
                          System.currentTimeMillis(),
                          10,
                          "__name__",
                          "test_metric",
                          "job",
                          "api",
                          "instance",
                          "i1");
                      try {
                        Thread.sleep(200);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> received.stream().anyMatch(n -> n.path("status").asText().equals("firing")));
        JsonNode alert = received.getFirst().path("alerts").get(0);
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("TestMetricHigh");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("page");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("value 10 on i1");

        JsonNode alerts = get(c, base + "/api/v1/alerts").path("data").path("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("state").asText()).isEqualTo("firing");
        assertThat(alerts.get(0).path("value").asText()).isEqualTo("1e+01");

        JsonNode groups = get(c, base + "/api/v1/rules").path("data").path("groups");
        assertThat(groups.findValuesAsText("name")).contains("test", "TestMetricHigh");
        assertThat(
                get(c, base + "/api/v1/rules?type=record")
                    .path("data")
                    .path("groups")
                    .get(0)
                    .path("rules"))
            .hasSize(1);
        String file = groups.get(0).path("file").asText();
        assertThat(file).endsWith("rules.yml");
        assertThat(ruleNames(c, base + "/api/v1/rules?rule_name[]=TestMetricHigh"))
            .containsExactly("TestMetricHigh");
        assertThat(ruleNames(c, base + "/api/v1/rules?rule_name[]=nope")).isEmpty();
        assertThat(ruleNames(c, base + "/api/v1/rules?file[]=" + enc(file)))
            .containsExactly("job:test_metric:sum", "TestMetricHigh");
        assertThat(ruleNames(c, base + "/api/v1/rules?file[]=%2Fother.yml")).isEmpty();
        assertThat(ruleNames(c, base + "/api/v1/rules?rule_group[]=test&type=alert"))
            .containsExactly("TestMetricHigh");
        assertThat(send(c, "GET", base + "/api/v1/rules?type=bogus", "").statusCode())
            .isEqualTo(400);
        String q = URLEncoder.encode("job:test_metric:sum", StandardCharsets.UTF_8);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    get(c, base + "/api/v1/query?query=" + q).path("data").path("result").size()
                        == 1);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    get(c, base + "/api/v1/alerts/history")
                        .path("data")
                        .path("changes")
                        .findValuesAsText("state")
                        .contains("firing"));

        HttpResponse<String> created =
            send(
                c,
                "POST",
                base + "/api/v2/silences",
                """
                {"matchers":[{"name":"alertname","value":"TestMetricHigh","isRegex":false}],
                 "startsAt":"2020-01-01T00:00:00Z","endsAt":"2999-01-01T00:00:00Z",
                 "createdBy":"test","comment":"maintenance"}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).path("silenceID").asText();
        HttpResponse<String> list =
            c.send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "/api/v2/silences?filter="
                                + URLEncoder.encode(
                                    "alertname=\"TestMetricHigh\"", StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode silences = JSON.readTree(list.body());
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0).path("status").path("state").asText()).isEqualTo("active");
        assertThat(send(c, "DELETE", base + "/api/v2/silence/" + id, "").statusCode())
            .isEqualTo(200);
        HttpResponse<String> bad = send(c, "POST", base + "/api/v2/silences", "{\"matchers\":[]}");
        assertThat(bad.statusCode()).isEqualTo(400);

        Files.writeString(
            rules, "groups:\n  - name: test\n    rules:\n      - record: 1bad\n        expr: up\n");
        HttpResponse<String> failed = send(c, "POST", base + "/-/reload", "");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("rules.yml").contains("1bad");
        assertThat(
                get(c, base + "/api/v1/rules").path("data").path("groups").findValuesAsText("name"))
            .contains("TestMetricHigh");

        Files.writeString(rules, RULES.replace("name: test", "name: renamed"));
        // the reload also brings an Alertmanager (a JDK server taking /api/v2/alerts)
        List<String> amPosts = new CopyOnWriteArrayList<>();
        HttpServer am = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        am.createContext(
            "/api/v2/alerts",
            ex -> {
              amPosts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
              ex.sendResponseHeaders(200, -1);
              ex.close();
            });
        am.start();
        Files.writeString(
            cfg,
            Files.readString(cfg)
                + """
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['127.0.0.1:%d']}]
                """
                    .formatted(am.getAddress().getPort()));
        assertThat(send(c, "POST", base + "/-/reload", "").statusCode()).isEqualTo(200);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> amPosts.stream().anyMatch(b -> b.contains("TestMetricHigh")));
        assertThat(
                get(c, base + "/api/v1/alertmanagers")
                    .at("/data/activeAlertmanagers/0/url")
                    .asText())
            .isEqualTo("http://127.0.0.1:" + am.getAddress().getPort() + "/api/v2/alerts");
        am.stop(0);
        assertThat(
                get(c, base + "/api/v1/rules")
                    .path("data")
                    .path("groups")
                    .get(0)
                    .path("name")
                    .asText())
            .isEqualTo("renamed");
      } finally {
        feeder.interrupt();
        hook.stop(0);
      }
    }
  }

  @Test
  void theDefaultRulePackShipsEnabled() throws Exception {
    try (TestServer server = TestServer.start("--data", dir.resolve("data").toString());
        HttpClient c = HttpClient.newHttpClient()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> !get(c, server.url() + "/api/v1/rules").path("data").path("groups").isEmpty());
      JsonNode groups = get(c, server.url() + "/api/v1/rules").path("data").path("groups");
      assertThat(groups.findValuesAsText("file"))
          .allMatch(f -> f.equals("<moraine>/default-rules.yml"));
      assertThat(groups.findValuesAsText("name"))
          .contains("NodeDown", "NodeDiskFullIn4h", "PodCrashLooping", "GPUXidError");
      HttpResponse<String> noRouting = send(c, "GET", server.url() + "/api/v2/silences", "");
      assertThat(noRouting.statusCode()).isEqualTo(404);
      assertThat(noRouting.body()).contains("notify section");
    }
  }
}
