package io.moraine.server.api.prom;

import static io.moraine.server.api.prom.ApiTestServer.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter errors of {@code query} and {@code query_range} that come before the expression is
 * parsed: status, type and Prometheus 2.42's exact message, by GET and by form POST.
 */
class QueryParamsApiTest {
  @TempDir static Path dir;
  private static ApiTestServer server;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "query=up&time=x | invalid parameter \"time\": Invalid time value for 'time': cannot parse"
            + " \"x\" to a valid timestamp",
        "query=up&time=2015-07-01T20:10:51 | invalid parameter \"time\": Invalid time value for"
            + " 'time': cannot parse \"2015-07-01T20:10:51\" to a valid timestamp",
        "query=up&timeout=soon | invalid parameter \"timeout\": cannot parse \"soon\" to a valid"
            + " duration",
        "query=up&timeout=1e10 | invalid parameter \"timeout\": cannot parse \"1e10\" to a valid"
            + " duration. It overflows int64",
      })
  void instantQueryParams(String form, String message) {
    assertError(server.get("/api/v1/query?" + form), 400, "bad_data", message);
    assertError(server.post("/api/v1/query", form), 400, "bad_data", message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "query=up | invalid parameter \"start\": cannot parse \"\" to a valid timestamp",
        "query=up&start=x&end=1&step=1 | invalid parameter \"start\": cannot parse \"x\" to a"
            + " valid timestamp",
        "query=up&start=1 | invalid parameter \"end\": cannot parse \"\" to a valid timestamp",
        "query=up&start=2&end=1&step=1 | invalid parameter \"end\": end timestamp must not be"
            + " before start time",
        "query=up&start=1&end=2 | invalid parameter \"step\": cannot parse \"\" to a valid"
            + " duration",
        "query=up&start=1&end=2&step=1x | invalid parameter \"step\": cannot parse \"1x\" to a"
            + " valid duration",
        "query=up&start=1&end=2&step=0 | invalid parameter \"step\": zero or negative query"
            + " resolution step widths are not accepted. Try a positive integer",
        "query=up&start=1&end=2&step=-1m | invalid parameter \"step\": cannot parse \"-1m\" to a"
            + " valid duration",
        "query=up&start=1&end=2&step=-0.5 | invalid parameter \"step\": zero or negative query"
            + " resolution step widths are not accepted. Try a positive integer",
        "query=up&start=0&end=11001&step=1 | exceeded maximum resolution of 11,000 points per"
            + " timeseries. Try decreasing the query resolution (?step=XX)",
        "query=up&start=2015-07-01T00:00:00Z&end=2015-07-02T00:00:00Z&step=7s | exceeded maximum"
            + " resolution of 11,000 points per timeseries. Try decreasing the query resolution"
            + " (?step=XX)",
        "query=up&start=1&end=2&step=1&timeout=x | invalid parameter \"timeout\": cannot parse"
            + " \"x\" to a valid duration",
      })
  void rangeQueryParams(String form, String message) {
    assertError(server.get("/api/v1/query_range?" + form), 400, "bad_data", message);
    assertError(server.post("/api/v1/query_range", form), 400, "bad_data", message);
  }

  @Test
  void bodyValuesComeBeforeUrlValues() {
    assertError(
        server.post("/api/v1/query_range?start=1&end=2&step=1&query=up", "start=body"),
        400,
        "bad_data",
        "invalid parameter \"start\": cannot parse \"body\" to a valid timestamp");
  }

  @Test
  void exactlyElevenThousandStepsPassAndTheParseErrorIsUnwrapped() {
    // 11,000 steps pass the resolution check; the parse error that follows is answered without
    // the "invalid parameter" prefix of the instant query, as Prometheus does.
    var r = server.get("/api/v1/query_range?query=1+%2B&start=0&end=11000&step=1");
    assertThat(r.statusCode()).isEqualTo(400);
    var body = ApiTestServer.parse(r.body());
    assertThat(body.get("errorType").asText()).isEqualTo("bad_data");
    assertThat(body.get("error").asText()).matches("1:\\d+: parse error: .*");
    var instant = ApiTestServer.parse(server.get("/api/v1/query?query=1+%2B").body());
    assertThat(instant.get("error").asText())
        .matches("invalid parameter \"query\": 1:\\d+: parse error: .*");
  }
}
