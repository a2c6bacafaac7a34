package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static io.moraine.server.api.prom.ApiTestServer.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code series}, {@code labels} and {@code label/<name>/values} with {@code match[]}. Needs the
 * PromQL parser ({@code Parser.parse}); fails until it lands.
 */
class SeriesMatchApiTest {
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
  void seriesOfOneSelectorExactlyAsPrometheusWritesThem() {
    assertThat(server.get("/api/v1/series?match[]=up").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"node\"},"
                + "{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"node\"},"
                + "{\"__name__\":\"up\",\"instance\":\"c\",\"job\":\"api\"}]}");
  }

  @Test
  void severalSelectorsAreMergedOncePerSeriesInLabelOrder() {
    var d =
        data(
            server.post(
                "/api/v1/series",
                "match[]=%7Bjob%3D%22api%22%7D&match[]=up%7Binstance%3D~%22c%7Cb%22%7D"));
    assertThat(d.toString())
        .isEqualTo(
            "[{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"api\"},"
                + "{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"node\"},"
                + "{\"__name__\":\"up\",\"instance\":\"c\",\"job\":\"api\"}]");
  }

  @Test
  void noSeriesIsAnEmptyArray() {
    assertThat(server.get("/api/v1/series?match[]=nothing_here").body())
        .isEqualTo("{\"status\":\"success\",\"data\":[]}");
  }

  @Test
  void labelsAndValuesOfMatchingSeries() {
    assertThat(data(server.get("/api/v1/labels?match[]=http_requests_total")).toString())
        .isEqualTo("[\"__name__\",\"code\",\"job\"]");
    assertThat(
            data(server.get("/api/v1/label/instance/values?match[]=%7Bjob%3D%22node%22%7D"))
                .toString())
        .isEqualTo("[\"a\",\"b\"]");
    assertThat(
            data(server.get(
                    "/api/v1/label/job/values?match[]=http_requests_total&match[]=up%7Binstance%3D%22a%22%7D"))
                .toString())
        .isEqualTo("[\"api\",\"node\"]");
  }

  @Test
  void selectorsThatMatchEverythingAreRefused() {
    String empty = "match[]=%7Bjob%3D%22%22%7D";
    assertError(
        server.get("/api/v1/series?" + empty),
        400,
        "bad_data",
        "invalid parameter \"match[]\": match[] must contain at least one non-empty matcher");
    assertError(
        server.get("/api/v1/labels?" + empty),
        400,
        "bad_data",
        "match[] must contain at least one non-empty matcher");
    assertError(
        server.get("/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D"),
        400,
        "bad_data",
        "invalid parameter \"match[]\": match[] must contain at least one non-empty matcher");
  }

  @Test
  void moreThanASelectorIsRefused() {
    var r = server.get("/api/v1/series?match[]=rate(up%5B5m%5D)");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiTestServer.parse(r.body()).get("error").asText())
        .startsWith("invalid parameter \"match[]\": 1:5: parse error: ");
  }

  @Test
  void parseErrorsOfSelectors() {
    var series = ApiTestServer.parse(server.get("/api/v1/series?match[]=up%7B").body());
    assertThat(series.get("error").asText())
        .matches("invalid parameter \"match\\[]\": 1:\\d+: parse error: .+");
    var labels = ApiTestServer.parse(server.get("/api/v1/labels?match[]=up%7B").body());
    assertThat(labels.get("errorType").asText()).isEqualTo("bad_data");
    assertThat(labels.get("error").asText()).matches("1:\\d+: parse error: .+");
  }
}
