package io.moraine.server.api.loki;

import static io.moraine.server.api.loki.LokiTestServer.NOW_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moraine.core.labels.Labels;
import io.moraine.core.logs.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /loki/api/v1/query} and {@code query_range} through Armeria, over the fakes. */
class LokiQueryApiTest {
  private static final long S = 1_000_000_000L;
  private static LokiTestServer server;

  @BeforeAll
  static void start() {
    server = new LokiTestServer();
    Labels a = Labels.of("app", "api", "level", "info");
    Labels b = Labels.of("app", "api", "level", "warn");
    server
        .logs
        .add("anonymous", a, NOW_NANOS - 30 * S, "first")
        .add("anonymous", b, NOW_NANOS - 20 * S, "second <b>")
        .add("anonymous", a, NOW_NANOS - 10 * S, "third")
        .add("tenant-b", a, NOW_NANOS - 10 * S, "other tenant");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void rangeLogQueryAnswersStreamsNewestFirstByDefault() {
    JsonNode r = server.json("/loki/api/v1/query_range?query=" + q("{app=\"api\"}"));
    assertThat(shape(r)).isEqualTo(shape(golden("streams.json")));
    JsonNode result = r.at("/data/result");
    assertThat(result).hasSize(2);
    assertThat(result.get(0).at("/stream/level").asText()).isEqualTo("info");
    assertThat(result.get(0).at("/values/0/0").asText())
        .isEqualTo(Long.toString(NOW_NANOS - 10 * S));
    assertThat(result.get(0).at("/values/0/1").asText()).isEqualTo("third");
    assertThat(result.get(0).at("/values/1/1").asText()).isEqualTo("first");
    assertThat(result.get(1).at("/values/0/1").asText()).isEqualTo("second <b>");
    assertThat(server.queries.lastDirection).isEqualTo(Direction.BACKWARD);
    assertThat(server.queries.lastLimit).isEqualTo(100);
  }

  @Test
  void rangeDefaultsAreTheLastHourAndLokisStep() {
    server.json("/loki/api/v1/query_range?query=" + q("{app=\"api\"}"));
    assertThat(server.queries.lastEnd).isEqualTo(NOW_NANOS);
    assertThat(server.queries.lastStart).isEqualTo(NOW_NANOS - 3600 * S);
    assertThat(server.queries.lastStep).as("floor(3600s / 250)").isEqualTo(14 * S);
    assertThat(server.queries.lastInterval).isZero();
  }

  @Test
  void statsCarryTheReadFiguresInLokisShape() {
    JsonNode r = server.json("/loki/api/v1/query_range?query=" + q("{app=\"api\"}"));
    JsonNode stats = r.at("/data/stats");
    assertThat(shape(stats)).isEqualTo(shape(golden("stats.json")));
    assertThat(stats.at("/summary/totalLinesProcessed").asLong()).isEqualTo(3);
    assertThat(stats.at("/summary/totalBytesProcessed").asLong())
        .isEqualTo("first".length() + "second <b>".length() + "third".length());
    assertThat(stats.at("/summary/totalEntriesReturned").asLong()).isEqualTo(3);
    assertThat(stats.at("/ingester/store/chunk/headChunkLines").asLong()).isEqualTo(3);
    assertThat(stats.at("/summary/execTime").isNumber()).isTrue();
  }

  @Test
  void tenantComesFromTheOrgIdHeader() {
    JsonNode r =
        server.json(
            "/loki/api/v1/query_range?query=" + q("{app=\"api\"}"), "X-Scope-OrgID", "tenant-b");
    assertThat(r.at("/data/result")).hasSize(1);
    assertThat(r.at("/data/result/0/values/0/1").asText()).isEqualTo("other tenant");
  }

  @Test
  void forwardLimitAndExplicitTimes() {
    JsonNode r =
        server.json(
            "/loki/api/v1/query_range?query="
                + q("{app=\"api\"}")
                + "&direction=FORWARD&limit=1&start="
                + (NOW_NANOS - 40 * S)
                + "&end="
                + q("2023-11-14T22:13:20Z")
                + "&step=0.5&interval=1m");
    assertThat(r.at("/data/result")).hasSize(1);
    assertThat(r.at("/data/result/0/values/0/1").asText()).isEqualTo("first");
    assertThat(server.queries.lastStart).isEqualTo(NOW_NANOS - 40 * S);
    assertThat(server.queries.lastEnd).isEqualTo(NOW_NANOS);
    assertThat(server.queries.lastStep).isEqualTo(S / 2);
    assertThat(server.queries.lastInterval).isEqualTo(60 * S);
  }

  @Test
  void postFormWorksLikeGet() throws IOException {
    HttpResponse<String> r =
        server.postForm(
            "/loki/api/v1/query_range", "query=" + q("{level=\"warn\"}") + "&since=30s");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = LokiTestServer.JSON.readTree(r.body());
    assertThat(j.at("/data/result/0/values")).hasSize(1);
    assertThat(server.queries.lastStart).isEqualTo(NOW_NANOS - 30 * S);
  }

  @Test
  void rangeMetricQueryAnswersAMatrix() {
    JsonNode r =
        server.json(
            "/loki/api/v1/query_range?query="
                + q("count_over_time({app=\"api\"}[1m])")
                + "&start="
                + (NOW_MILLIS_S() - 60)
                + "&end="
                + NOW_MILLIS_S()
                + "&step=30");
    assertThat(shape(r)).isEqualTo(shape(golden("matrix.json")));
    JsonNode info = r.at("/data/result/0");
    assertThat(info.at("/metric/level").asText()).isEqualTo("info");
    // at now-60s: nothing; now-30s: "first" (t=-30s); now: first and third
    assertThat(info.at("/values/0/0").asDouble()).isEqualTo(NOW_MILLIS_S() - 30.0);
    assertThat(info.at("/values/0/1").asText()).isEqualTo("1");
    assertThat(info.at("/values/1/1").asText()).isEqualTo("2");
    assertThat(r.at("/data/stats/summary/totalEntriesReturned").asLong()).isEqualTo(2);
  }

  private static long NOW_MILLIS_S() {
    return LokiTestServer.NOW_MILLIS / 1000;
  }

  @Test
  void instantMetricQueryAnswersAVector() {
    JsonNode r =
        server.json(
            "/loki/api/v1/query?query=" + q("count_over_time({app=\"api\"}[1m])") + "&time=");
    assertThat(shape(r)).isEqualTo(shape(golden("vector.json")));
    assertThat(r.at("/data/result/0/value/0").asLong()).isEqualTo(NOW_MILLIS_S());
    assertThat(r.at("/data/result/0/value/1").asText()).isEqualTo("2");
    assertThat(r.at("/data/result/1/metric/level").asText()).isEqualTo("warn");
  }

  @Test
  void instantScalarAndLogQuery() {
    JsonNode s = server.json("/loki/api/v1/query?query=2.5&time=1700000000.25");
    assertThat(s.at("/data/resultType").asText()).isEqualTo("scalar");
    assertThat(server.get("/loki/api/v1/query?query=2.5&time=1700000000.25").body())
        .contains("\"result\":[1700000000.25,\"2.5\"]");
    JsonNode l = server.json("/loki/api/v1/query?query=" + q("{level=\"info\"}") + "&limit=1");
    assertThat(l.at("/data/resultType").asText()).isEqualTo("streams");
    assertThat(l.at("/data/result/0/values")).hasSize(1);
    assertThat(l.at("/data/result/0/values/0/1").asText()).isEqualTo("third");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=0|limit must be a positive value",
        "limit=x|strconv.Atoi: parsing \"x\": invalid syntax",
        "direction=up|invalid direction 'up'",
        "start=abc|could not parse 'start' parameter: strconv.ParseInt: parsing \"abc\": invalid"
            + " syntax",
        "since=1x|could not parse 'since' parameter: not a valid duration string: \"1x\"",
        "start=1700000100&end=1700000000|end timestamp must not be before or equal to start time",
        "step=0|zero or negative query resolution step widths are not accepted. Try a positive"
            + " integer",
        "step=abc|cannot parse \"abc\" to a valid duration",
        "start=1600000000&step=1|exceeded maximum resolution of 11,000 points per time series. Try"
            + " increasing the value of the step parameter",
        "interval=-1|interval must be >= 0",
        "limit=5001|max entries limit per query exceeded, limit > max_entries_limit (5001 > 5000)",
      })
  void badParametersAnswer400InPlainText(String param, String message) {
    HttpResponse<String> r =
        server.get("/loki/api/v1/query_range?query=" + q("{app=\"api\"}") + "&" + param);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).isEqualTo(message + "\n");
  }

  @Test
  void parseErrorAnswers400WithTheParsersMessage() {
    HttpResponse<String> r = server.get("/loki/api/v1/query?query=" + q("foo bar"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo("parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n");
  }

  @Test
  void aQueryPastTheTimeoutAnswers504() {
    try (LokiTestServer slow =
        new LokiTestServer(
            new LokiApiOptions(5000, Duration.ofMillis(200), "dev", Duration.ofSeconds(1)))) {
      slow.queries.delayMillis = 600;
      HttpResponse<String> r = slow.get("/loki/api/v1/query_range?query=" + q("{a=\"b\"}"));
      assertThat(r.statusCode()).isEqualTo(504);
      assertThat(r.body()).startsWith("Request timed out, decrease the duration of the request");
    }
  }

  @Test
  void otherMethodsAnswer405() {
    HttpResponse<String> r =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/loki/api/v1/query"))
                .DELETE()
                .build());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  /** The structure of a JSON document: keys and value kinds, label maps and arrays collapsed. */
  static JsonNode shape(JsonNode n) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (n.isObject()) {
      ObjectNode o = f.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("stats")) {
          continue; // compared against stats.json on its own
        }
        boolean labels = e.getKey().equals("stream") || e.getKey().equals("metric");
        o.set(e.getKey(), labels ? f.textNode("labels") : shape(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      var a = f.arrayNode();
      if (!n.isEmpty() && n.get(0).isArray()) {
        a.add(shape(n.get(0)));
      } else {
        n.forEach(x -> a.add(shape(x)));
        // a list of like things: keep one of each shape
        var seen = new java.util.LinkedHashSet<JsonNode>();
        a.forEach(seen::add);
        a.removeAll();
        seen.forEach(a::add);
      }
      return a;
    }
    return f.textNode(n.getNodeType().name());
  }

  static JsonNode golden(String name) {
    try (InputStream in =
        Objects.requireNonNull(LokiQueryApiTest.class.getResourceAsStream("/api/loki/" + name))) {
      return LokiTestServer.JSON.readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
