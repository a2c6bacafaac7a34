package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs pushed into the running server over the Loki API, read back through LogQL, kept over a
 * restart.
 */
class LogsEndToEndTest {
  @TempDir Path data;

  private static final long T0 = System.currentTimeMillis() * 1_000_000L - 60_000_000_000L;

  private static String push() {
    return """
        {"streams":[
          {"stream":{"app":"shop","ns":"prod"},"values":[
            ["%d","{\\"status\\":503,\\"msg\\":\\"boom\\"}"],
            ["%d","{\\"status\\":200,\\"msg\\":\\"ok\\"}"],
            ["%d","{\\"status\\":500,\\"msg\\":\\"oops\\"}"]]},
          {"stream":{"app":"db","ns":"dev"},"values":[["%d","level=warn msg=slow"]]}]}
        """
        .formatted(T0, T0 + 1_000_000_000L, T0 + 2_000_000_000L, T0);
  }

  private static HttpResponse<String> get(HttpClient c, String base, String path, String query)
      throws Exception {
    String url =
        base
            + path
            + "?start="
            + (T0 - 60_000_000_000L)
            + "&end="
            + (T0 + 60_000_000_000L)
            + "&query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8);
    return c.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pushedLogsAreQueryableAndSurviveARestart() throws Exception {
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/loki/api/v1/push"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(push()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);

      String errors =
          get(c, s.url(), "/loki/api/v1/query_range", "{app=\"shop\"} | json | status >= 500")
              .body();
      assertThat(errors).contains("\"resultType\":\"streams\"").contains("boom").contains("oops");
      assertThat(errors).doesNotContain("\\\"ok\\\"");

      HttpResponse<String> bad = get(c, s.url(), "/loki/api/v1/query_range", "{app=\"shop\"");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).startsWith("parse error at line 1, col");

      String labels = get(c, s.url(), "/loki/api/v1/label/app/values", "").body();
      assertThat(labels).contains("\"db\"").contains("\"shop\"");
    }
    // the second run replays the WAL: nothing was flushed to segments before the stop
    assertThat(Files.isDirectory(data.resolve("logs"))).isTrue();
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      String counts =
          c.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              s.url()
                                  + "/loki/api/v1/query?time="
                                  + (T0 + 10_000_000_000L)
                                  + "&query="
                                  + URLEncoder.encode(
                                      "sum by (ns) (count_over_time({ns=~\"prod|dev\"}[1m]))",
                                      StandardCharsets.UTF_8)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(counts)
          .contains("\"resultType\":\"vector\"")
          .contains("{\"metric\":{\"ns\":\"prod\"},\"value\":[")
          .contains("\"3\"]")
          .contains("\"1\"]");
      HttpResponse<String> flush =
          c.send(
              HttpRequest.newBuilder(URI.create(s.url() + "/flush"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(flush.statusCode()).isEqualTo(204);
    }
  }
}
