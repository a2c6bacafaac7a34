package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OTLP/JSON pushed into the running server over HTTP, read back through PromQL. */
class OtlpEndToEndTest {
  private static final String BODY =
      """
      {"resourceMetrics":[{"resource":{"attributes":[
        {"key":"service.name","value":{"stringValue":"api"}},
        {"key":"service.instance.id","value":{"stringValue":"pod-7"}},
        {"key":"cloud.region","value":{"stringValue":"eu-1"}}]},
       "scopeMetrics":[{"scope":{"name":"manual"},"metrics":[
        {"name":"http.server.requests","unit":"{request}","sum":{"dataPoints":[
          {"attributes":[{"key":"code","value":{"intValue":"200"}}],
           "timeUnixNano":"1700000000000000000","asInt":"10"},
          {"attributes":[{"key":"code","value":{"intValue":"200"}}],
           "timeUnixNano":"1700000060000000000","asInt":"70"}],
          "aggregationTemporality":2,"isMonotonic":true}},
        {"name":"http.server.duration","unit":"s","histogram":{"dataPoints":[
          {"timeUnixNano":"1700000060000000000","count":"4","sum":2.0,
           "bucketCounts":["1","3","0"],"explicitBounds":[0.1,1]}],
          "aggregationTemporality":2}}]}]}]}
      """;

  private static String query(HttpClient c, String base, String q) throws Exception {
    return c.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/api/v1/query?time=1700000060&query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void pushedMetricsAreQueryableThroughPromql() throws Exception {
    try (TestServer server = TestServer.start();
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v1/metrics"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(BODY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{}");
      assertThat(query(c, server.url(), "http_server_requests_total"))
          .contains("\"job\":\"api\"")
          .contains("\"instance\":\"pod-7\"")
          .contains("\"code\":\"200\"")
          .contains("\"value\":[1700000060,\"70\"]");
      assertThat(
              query(
                  c, server.url(), "histogram_quantile(0.5, http_server_duration_seconds_bucket)"))
          .contains("\"value\":[1700000060,\"0.4\"]");
      assertThat(query(c, server.url(), "target_info"))
          .contains("\"cloud_region\":\"eu-1\"")
          .contains("\"job\":\"api\"");
      assertThat(query(c, server.url(), "moraine_otlp_points_received_total")).isNotNull();
    }
  }
}
