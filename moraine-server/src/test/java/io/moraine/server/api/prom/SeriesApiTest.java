package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code labels}, {@code label/<name>/values} and {@code series} without {@code match[]} (which
 * needs the PromQL parser; see {@link SeriesMatchApiTest}), over a real store.
 */
class SeriesApiTest {
  @TempDir static Path dir;
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
    server.append(1_000, 1, "__name__", "up", "job", "node", "instance", "a");
    server.append(1_000, 0, "__name__", "up", "job", "node", "instance", "b");
    server.append(2_000, 1, "__name__", "up", "job", "api", "instance", "c");
    server.append(2_000, 7, "__name__", "http_requests_total", "job", "api", "code", "200");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void labelNamesAreSortedExactlyAsPrometheusWritesThem() {
    var r = server.get("/api/v1/labels");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"instance\",\"job\"]}");
    assertThat(data(server.post("/api/v1/labels", "start=0&end=3"))).hasSize(4);
  }

  @Test
  void labelValuesOfOneLabel() {
    assertThat(server.get("/api/v1/label/job/values").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"node\"]}");
    assertThat(data(server.get("/api/v1/label/__name__/values")).toString())
        .isEqualTo("[\"http_requests_total\",\"up\"]");
    assertThat(data(server.get("/api/v1/label/nosuchlabel/values")).isEmpty()).isTrue();
  }

  @Test
  void anInvalidLabelNameIsBadData() {
    assertError(
        server.get("/api/v1/label/foo-bar/values"),
        400,
        "bad_data",
        "invalid label name: \"foo-bar\"");
    assertError(
        server.get("/api/v1/label/f%C3%B6%22/values"),
        400,
        "bad_data",
        "invalid label name: \"fö\\\"\"");
  }

  @Test
  void seriesNeedsMatch() {
    assertError(server.get("/api/v1/series"), 400, "bad_data", "no match[] parameter provided");
    assertError(
        server.post("/api/v1/series", "start=1"), 400, "bad_data", "no match[] parameter provided");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/labels", "/api/v1/label/job/values"})
  void badTimesNameTheParameter(String path) {
    assertError(
        server.get(path + "?start=yesterday"),
        400,
        "bad_data",
        "invalid parameter \"start\": Invalid time value for 'start': cannot parse \"yesterday\""
            + " to a valid timestamp");
    assertError(
        server.get(path + "?end=1e400"),
        400,
        "bad_data",
        "invalid parameter \"end\": Invalid time value for 'end': cannot parse \"1e400\" to a"
            + " valid timestamp");
  }

  @Test
  void anEncodedMatchParameterNameIsRecognised() {
    assertError(
        server.get("/api/v1/series?match%5B%5D=up&start=x"),
        400,
        "bad_data",
        "invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a"
            + " valid timestamp");
  }

  @Test
  void seriesChecksTimesBeforeSelectors() {
    assertError(
        server.get("/api/v1/series?match[]=up&end=x"),
        400,
        "bad_data",
        "invalid parameter \"end\": Invalid time value for 'end': cannot parse \"x\" to a valid"
            + " timestamp");
  }

  @Test
  void prometheusTimeSentinelsAreAccepted() {
    String q =
        "?start=" + PromTimes.MIN_TIME_TEXT + "&end=" + PromTimes.MAX_TIME_TEXT.replace(":", "%3A");
    assertThat(data(server.get("/api/v1/labels" + q))).hasSize(4);
  }

  @Test
  void otherMethodsAre405() {
    var r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/labels"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(server.post("/api/v1/label/job/values", "").statusCode()).isEqualTo(405);
  }
}
