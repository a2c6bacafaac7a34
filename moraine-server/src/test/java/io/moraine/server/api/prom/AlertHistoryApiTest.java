package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.rules.notify.AlertState;
import io.moraine.rules.notify.AlertStateChange;
import io.moraine.server.rules.AlertHistory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert history: state changes recorded by {@link AlertHistory} into a real store come back
 * from {@code /api/v1/alerts/history} in time order, filtered by range and matchers.
 */
class AlertHistoryApiTest {
  @TempDir static Path dir;
  private static ApiTestServer server;
  private static final long T0 = ApiTestServer.NOW - 3_600_000;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
    Labels disk = Labels.of("alertname", "DiskFull", "instance", "a:9100", "severity", "warning");
    Labels cpu = Labels.of("alertname", "HighCpu", "instance", "b:9100");
    try (AlertHistory history = new AlertHistory(() -> server.tsdb, new MetricRegistry())) {
      history.onChange(new AlertStateChange(T0, disk, AlertState.PENDING, 0.93, T0));
      history.onChange(new AlertStateChange(T0 + 60_000, disk, AlertState.FIRING, 0.95, T0));
      history.onChange(new AlertStateChange(T0 + 90_000, cpu, AlertState.FIRING, 97.5, T0));
      history.onChange(new AlertStateChange(T0 + 120_000, disk, AlertState.SILENCED, 0.96, T0));
      history.onChange(new AlertStateChange(T0 + 600_000, disk, AlertState.RESOLVED, 0.7, T0));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> data(server.get("/api/v1/alerts/history")).get("changes").size() == 5);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode history(String query) {
    return data(server.get("/api/v1/alerts/history" + query));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void everyChangeOfTheLastDayInTimeOrder() {
    JsonNode h = history("");
    assertThat(h.get("truncated").asBoolean()).isFalse();
    JsonNode changes = h.get("changes");
    assertThat(changes.findValuesAsText("state"))
        .containsExactly("pending", "firing", "firing", "silenced", "resolved");
    JsonNode first = changes.get(0);
    assertThat(first.get("time").asText()).isEqualTo("2023-11-14T21:13:20Z");
    assertThat(first.get("value").asText()).isEqualTo("0.93");
    assertThat(first.get("labels").toString())
        .isEqualTo("{\"alertname\":\"DiskFull\",\"instance\":\"a:9100\",\"severity\":\"warning\"}");
  }

  @Test
  void matchersSelectAlertsAndStates() {
    JsonNode byName = history("?match[]=" + enc("HighCpu")).get("changes");
    assertThat(byName).hasSize(1);
    assertThat(byName.get(0).get("labels").get("instance").asText()).isEqualTo("b:9100");
    JsonNode firing = history("?match[]=" + enc("{alertstate=\"firing\"}")).get("changes");
    assertThat(firing.findValuesAsText("alertname")).containsExactly("DiskFull", "HighCpu");
    JsonNode either =
        history("?match[]=" + enc("{severity=\"warning\"}") + "&match[]=" + enc("HighCpu"))
            .get("changes");
    assertThat(either).hasSize(5);
  }

  @Test
  void theRangeAndTheLimitBound() {
    long s = (T0 + 60_000) / 1000;
    long e = (T0 + 120_000) / 1000;
    assertThat(history("?start=" + s + "&end=" + e).get("changes").findValuesAsText("state"))
        .containsExactly("firing", "firing", "silenced");
    JsonNode limited = history("?limit=2");
    assertThat(limited.get("truncated").asBoolean()).isTrue();
    assertThat(limited.get("changes").findValuesAsText("state"))
        .containsExactly("silenced", "resolved");
  }

  @Test
  void badParametersAreNamed() {
    assertError(
        server.get("/api/v1/alerts/history?limit=x"),
        400,
        "bad_data",
        "invalid parameter \"limit\": cannot parse \"x\" to a positive integer");
    assertError(
        server.get("/api/v1/alerts/history?match[]=" + enc("{")),
        400,
        "bad_data",
        "invalid parameter \"match[]\": 1:2: parse error: unexpected end of input inside braces");
  }
}
