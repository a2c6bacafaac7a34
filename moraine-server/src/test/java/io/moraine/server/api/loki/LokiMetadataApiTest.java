package io.moraine.server.api.loki;

import static io.moraine.server.api.loki.LokiQueryApiTest.q;
import static io.moraine.server.api.loki.LokiTestServer.NOW_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.core.labels.Labels;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Labels, label values, series, index stats, buildinfo and readiness through Armeria. */
class LokiMetadataApiTest {
  private static final long S = 1_000_000_000L;
  private static LokiTestServer server;

  @BeforeAll
  static void start() {
    server = new LokiTestServer();
    server
        .logs
        .add("anonymous", Labels.of("app", "api", "level", "info"), NOW_NANOS - 10 * S, "a")
        .add("anonymous", Labels.of("app", "db", "env", "prod"), NOW_NANOS - 20 * S, "bb")
        .add("anonymous", Labels.of("app", "db", "env", "prod"), NOW_NANOS - 15 * S, "ccc")
        .add("anonymous", Labels.of("app", "old"), NOW_NANOS - 7200 * S, "old")
        .add("tenant-b", Labels.of("team", "b"), NOW_NANOS - 10 * S, "b");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void labelsOfTheLastHour() {
    JsonNode r = server.json("/loki/api/v1/labels");
    assertThat(r.get("status").asText()).isEqualTo("success");
    assertThat(r.get("data").toString()).isEqualTo("[\"app\",\"env\",\"level\"]");
  }

  @Test
  void labelsWithQueryAndRange() {
    JsonNode r =
        server.json(
            "/loki/api/v1/labels?query="
                + q("{app=\"db\"}")
                + "&start="
                + (NOW_NANOS - 3 * 3600 * S));
    assertThat(r.get("data").toString()).isEqualTo("[\"app\",\"env\"]");
    JsonNode all = server.json("/loki/api/v1/labels?since=3h");
    assertThat(all.get("data").toString()).isEqualTo("[\"app\",\"env\",\"level\"]");
  }

  @Test
  void noLabelsLeavesDataOut() {
    JsonNode r = server.json("/loki/api/v1/labels?query=" + q("{app=\"none\"}"));
    assertThat(r.toString()).isEqualTo("{\"status\":\"success\"}");
  }

  @Test
  void labelValuesPerTenant() {
    assertThat(server.json("/loki/api/v1/label/app/values").get("data").toString())
        .isEqualTo("[\"api\",\"db\"]");
    assertThat(server.json("/loki/api/v1/label/app/values?since=3h").get("data").toString())
        .isEqualTo("[\"api\",\"db\",\"old\"]");
    assertThat(
            server
                .json("/loki/api/v1/label/team/values", "X-Scope-OrgID", "tenant-b")
                .get("data")
                .toString())
        .isEqualTo("[\"b\"]");
  }

  @Test
  void seriesUnionOfMatchesSorted() {
    JsonNode r =
        server.json(
            "/loki/api/v1/series?match[]="
                + q("{app=\"db\"}")
                + "&match[]="
                + q("{level=\"info\"}")
                + "&match="
                + q("{app=\"db\"}"));
    assertThat(r.get("data").toString())
        .isEqualTo("[{\"app\":\"api\",\"level\":\"info\"},{\"app\":\"db\",\"env\":\"prod\"}]");
  }

  @Test
  void seriesWithEmptyMatcherListsAll() {
    JsonNode r = server.json("/loki/api/v1/series?match[]=" + q("{ }"));
    assertThat(r.get("data")).hasSize(2);
    JsonNode none = server.json("/loki/api/v1/series?match[]=" + q("{app=\"x\"}"));
    assertThat(none.toString()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void seriesRefusesAPipelineOrMetricQuery() {
    HttpResponse<String> r =
        server.get("/loki/api/v1/series?match[]=" + q("count_over_time({a=\"b\"}[1m])"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("only label matchers is supported\n");
  }

  @Test
  void indexStatsAsLokiDocumentsThem() {
    JsonNode r = server.json("/loki/api/v1/index/stats?query=" + q("{app=\"db\"}"));
    assertThat(r.toString()).isEqualTo("{\"streams\":1,\"chunks\":1,\"bytes\":5,\"entries\":2}");
  }

  @Test
  void indexStatsChecksItsRangeAsQueryRange() {
    HttpResponse<String> r =
        server.get("/loki/api/v1/index/stats?query=" + q("{app=\"db\"}") + "&start=20&end=10");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("end timestamp must not be before or equal to start time\n");
  }

  @Test
  void buildInfo() {
    JsonNode r = server.json("/loki/api/v1/status/buildinfo");
    assertThat(r.get("version").asText()).isEqualTo("dev");
    assertThat(r.has("revision") && r.has("branch") && r.has("goVersion")).isTrue();
  }

  @Test
  void lokiReadyBesideMorainesOwn() {
    HttpResponse<String> r = server.get("/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ready\n");
    server.ready.set(false);
    try {
      assertThat(server.get("/ready").statusCode()).isEqualTo(503);
    } finally {
      server.ready.set(true);
    }
    assertThat(server.get("/-/ready").body()).isEqualTo("Moraine is Ready.\n");
  }
}
