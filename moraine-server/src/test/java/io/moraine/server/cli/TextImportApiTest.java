package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/import/prometheus} into the running server, read back through PromQL. */
class TextImportApiTest {
  private static HttpResponse<String> post(HttpClient c, String url, String body) throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String query(HttpClient c, String base, String q, long time) throws Exception {
    return c.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/api/v1/query?time="
                            + time
                            + "&query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void importedSamplesAreQueryableWithTheirExtraLabels() throws Exception {
    try (TestServer server = TestServer.start();
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          post(
              c,
              server.url() + "/api/v1/import/prometheus?extra_label=site=edge-1",
              "# TYPE task_seconds gauge\n"
                  + "task_seconds{task=\"a\"} 12.5 1700000000000\n"
                  + "task_seconds{task=\"a\"} 13 1700000060000\n");
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(query(c, server.url(), "task_seconds{site=\"edge-1\",task=\"a\"}", 1_700_000_060L))
          .contains("\"value\":[1700000060,\"13\"]");
    }
  }

  @Test
  void aMalformedBodyIs400NamingTheLineAndStoresNothing() throws Exception {
    try (TestServer server = TestServer.start();
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          post(
              c, server.url() + "/api/v1/import/prometheus", "ok_metric 1 1700000000000\nbad{ 2\n");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("2:");
      assertThat(query(c, server.url(), "ok_metric", 1_700_000_000L)).contains("\"result\":[]");
      HttpResponse<String> bad =
          post(c, server.url() + "/api/v1/import/prometheus?extra_label=nonsense", "x 1\n");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("invalid extra_label \"nonsense\"");
    }
  }
}
