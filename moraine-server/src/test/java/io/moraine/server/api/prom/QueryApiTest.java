package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.moraine.promql.engine.EngineOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query}, {@code query_range} and {@code format_query} end to end over a real store, with
 * Prometheus 2.42's results byte for byte. Needs the PromQL parser, printer and engine; fails until
 * they land.
 */
class QueryApiTest {
  @TempDir static Path dir;
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
    for (long t = 0; t <= 60_000; t += 15_000) {
      server.append(t, 1, "__name__", "up", "job", "node", "instance", "a");
      server.append(t, 0, "__name__", "up", "job", "node", "instance", "b");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String q(String promql) {
    return URLEncoder.encode(promql, StandardCharsets.UTF_8);
  }

  @Test
  void instantVectorExactly() {
    assertThat(server.get("/api/v1/query?query=up&time=60").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"node\"},"
                + "\"value\":[60,\"1\"]},"
                + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"node\"},"
                + "\"value\":[60,\"0\"]}]}}");
  }

  @Test
  void sampleTimesKeepThreeDecimalsAndValuesUseGoFormats() {
    assertThat(server.get("/api/v1/query?time=1.5&query=" + q("vector(0.0000001)")).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[{\"metric\":{},\"value\":[1.500,\"1e-07\"]}]}}");
    assertThat(server.get("/api/v1/query?time=1.5&query=" + q("vector(1/0)")).body())
        .contains("\"value\":[1.500,\"+Inf\"]");
    assertThat(server.get("/api/v1/query?time=2&query=" + q("vector(-1/0)")).body())
        .contains("\"value\":[2,\"-Inf\"]");
    assertThat(server.get("/api/v1/query?time=2&query=" + q("vector(0/0)")).body())
        .contains("\"value\":[2,\"NaN\"]");
  }

  @Test
  void theTimeDefaultsToNow() {
    assertThat(server.get("/api/v1/query?query=time()").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[1700000000,\"1700000000\"]}}");
  }

  @Test
  void scalarsAndStrings() {
    assertThat(data(server.post("/api/v1/query", "time=1.5&query=0.0000001")).toString())
        .isEqualTo("{\"resultType\":\"scalar\",\"result\":[1.5,\"0.0000001\"]}");
    assertThat(server.get("/api/v1/query?time=2&query=" + q("\"a<b\"")).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\","
                + "\"result\":[2,\"a\\u003cb\"]}}");
  }

  @Test
  void aRangeSelectorIsAMatrix() {
    JsonNode d = data(server.get("/api/v1/query?time=60&query=" + q("up{instance=\"a\"}[30s]")));
    assertThat(d.toString())
        .isEqualTo(
            "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"up\","
                + "\"instance\":\"a\",\"job\":\"node\"},"
                + "\"values\":[[30,\"1\"],[45,\"1\"],[60,\"1\"]]}]}");
  }

  @Test
  void rangeQueryExactly() {
    assertThat(
            server.get("/api/v1/query_range?start=0&end=60&step=30s&query=" + q("up * 2")).body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"instance\":\"a\",\"job\":\"node\"},"
                + "\"values\":[[0,\"2\"],[30,\"2\"],[60,\"2\"]]},"
                + "{\"metric\":{\"instance\":\"b\",\"job\":\"node\"},"
                + "\"values\":[[0,\"0\"],[30,\"0\"],[60,\"0\"]]}]}}");
  }

  @Test
  void rangeQueryByFormPostWithFloatStepAndRfc3339Times() {
    JsonNode d =
        data(
            server.post(
                "/api/v1/query_range",
                "query=up%7Binstance%3D%22a%22%7D&start=1970-01-01T00:00:15Z"
                    + "&end=1970-01-01T00:00:45.000Z&step=15.0"));
    assertThat(d.get("result").get(0).get("values").toString())
        .isEqualTo("[[15,\"1\"],[30,\"1\"],[45,\"1\"]]");
  }

  @Test
  void aScalarRangeQueryIsAMatrixWithoutLabels() {
    assertThat(server.get("/api/v1/query_range?start=0&end=1&step=0.5&query=1").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                + "[{\"metric\":{},\"values\":[[0,\"1\"],[0.500,\"1\"],[1,\"1\"]]}]}}");
  }

  @Test
  void nothingMatchedIsAnEmptyResult() {
    assertThat(data(server.get("/api/v1/query?time=60&query=nothing_here")).toString())
        .isEqualTo("{\"resultType\":\"vector\",\"result\":[]}");
    assertThat(
            data(server.get("/api/v1/query_range?start=0&end=60&step=15&query=nothing_here"))
                .toString())
        .isEqualTo("{\"resultType\":\"matrix\",\"result\":[]}");
  }

  @Test
  void parseErrors() {
    assertError(
        server.get("/api/v1/query?query=" + q("1 +")),
        400,
        "bad_data",
        "invalid parameter \"query\": 1:4: parse error: unexpected end of input");
    assertError(
        server.get("/api/v1/query_range?start=0&end=1&step=1&query=" + q("1 +")),
        400,
        "bad_data",
        "1:4: parse error: unexpected end of input");
  }

  @Test
  void aRangeQueryOfARangeVectorIsBadData() {
    assertError(
        server.get("/api/v1/query_range?start=0&end=60&step=15&query=" + q("up[1m]")),
        400,
        "bad_data",
        "invalid expression type \"range vector\" for range query, must be Scalar or instant"
            + " Vector");
  }

  @Test
  void evaluationErrorsAreExecution() {
    var r = server.get("/api/v1/query?time=60&query=" + q("up + on(job) up"));
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode body = ApiTestServer.parse(r.body());
    assertThat(body.get("errorType").asText()).isEqualTo("execution");
    assertThat(body.get("error").asText())
        .startsWith("found duplicate series for the match group {job=\"node\"}");
  }

  @Test
  void anExpiredTimeoutIsATimeout() {
    var r = server.get("/api/v1/query?time=60&timeout=0&query=up");
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode body = ApiTestServer.parse(r.body());
    assertThat(body.get("errorType").asText()).isEqualTo("timeout");
    assertThat(body.get("error").asText()).startsWith("query timed out in ");
  }

  @Test
  void theSampleLimitIsAnExecutionError(@TempDir Path other) {
    try (ApiTestServer small =
        ApiTestServer.start(other, QueryLimits.DEFAULT, EngineOptions.DEFAULT.withMaxSamples(2))) {
      for (long t = 0; t <= 60_000; t += 15_000) {
        small.append(t, 1, "__name__", "up");
      }
      assertError(
          small.get("/api/v1/query?time=60&query=" + q("up[1m]")),
          422,
          "execution",
          "query processing would load too many samples into memory in query execution");
      assertThat(data(small.get("/api/v1/query?time=60&query=up")).get("result")).hasSize(1);
    }
  }

  @Test
  void formatQueryPrettyPrints() {
    assertThat(server.get("/api/v1/format_query?query=" + q("sum(up)by(job)")).body())
        .isEqualTo("{\"status\":\"success\",\"data\":\"sum by (job) (up)\"}");
    assertError(
        server.post("/api/v1/format_query", "query=" + q("1 +")),
        400,
        "bad_data",
        "invalid parameter \"query\": 1:4: parse error: unexpected end of input");
  }
}
