package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push API ({@code /metrics/job/...}) through the running server, read back through PromQL. */
class PushApiTest {
  @TempDir Path data;

  private static HttpResponse<String> send(
      HttpClient c, String method, String url, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(HttpClient c, String method, String url, String body)
      throws Exception {
    return send(c, method, url, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String query(HttpClient c, String base, String q) throws Exception {
    return c.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/api/v1/query?query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void putPostDeleteWithPushgatewayStatuses() throws Exception {
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      String g = s.url() + "/metrics/job/batch/instance/h1";
      assertThat(send(c, "PUT", g, "a 1\nb 2\n").statusCode()).isEqualTo(200);
      assertThat(send(c, "POST", g, "a 5\n").statusCode()).isEqualTo(200);
      assertThat(query(c, s.url(), "a{job=\"batch\",instance=\"h1\"}")).contains("\"5\"]");
      assertThat(query(c, s.url(), "b")).contains("\"2\"]");
      assertThat(query(c, s.url(), "push_time_seconds{job=\"batch\"}"))
          .contains("\"instance\":\"h1\"");
      assertThat(send(c, "DELETE", g, "").statusCode()).isEqualTo(202);
      assertThat(query(c, s.url(), "b")).contains("\"result\":[]"); // stale
      assertThat(send(c, "GET", g, "").statusCode()).isEqualTo(405);
      String metrics =
          c.send(
                  HttpRequest.newBuilder(URI.create(s.url() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics)
          .contains("moraine_push_requests_total{method=\"PUT\",code=\"200\"} 1")
          .contains("moraine_push_requests_total{method=\"DELETE\",code=\"202\"} 1")
          .contains("moraine_push_groups 0");
    }
  }

  @Test
  void badInputsAre400WithPushgatewaysMessages() throws Exception {
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      String u = s.url();
      assertBad(
          send(c, "PUT", u + "/metrics/job/j/a", "x 1\n"),
          "odd number of components in label string \"/a\"");
      assertBad(send(c, "PUT", u + "/metrics/job/j/__a/b", "x 1\n"), "improper label name \"__a\"");
      assertBad(send(c, "PUT", u + "/metrics/job/j/a-b/c", "x 1\n"), "improper label name \"a-b\"");
      assertBad(send(c, "PUT", u + "/metrics/job@base64/=", "x 1\n"), "job name is required");
      assertBad(
          send(c, "PUT", u + "/metrics/job@base64/!!", "x 1\n"),
          "invalid base64 encoding in job name \"!!\"");
      assertBad(
          send(c, "PUT", u + "/metrics/job/j/a@base64/!", "x 1\n"),
          "invalid base64 encoding for label a=\"!\"");
      assertBad(
          send(c, "PUT", u + "/metrics/job/j", "x 1 123\n"),
          "pushed metrics are invalid or inconsistent with existing metrics: pushed metrics must not have timestamps");
      assertBad(
          send(c, "PUT", u + "/metrics/job/j", "x{ 1\n"), "text format parsing error in line 1:");
      assertBad(
          send(c, "PUT", u + "/metrics/job/j", "x 1\nx 2\n"),
          "was collected before with the same name and label values");
      assertThat(send(c, "PUT", u + "/metrics/job/k", "# TYPE m counter\nm 1\n").statusCode())
          .isEqualTo(200);
      assertBad(send(c, "PUT", u + "/metrics/job/j", "# TYPE m gauge\nm 1\n"), "is not a COUNTER");
      assertBad(
          send(
              c,
              "PUT",
              u + "/metrics/job/j",
              "x 1\n".getBytes(StandardCharsets.UTF_8),
              "Content-Encoding",
              "gzip"),
          "invalid gzip body");
      // the failed pushes to job j set its failure time
      assertThat(query(c, u, "push_failure_time_seconds{job=\"j\"} > 0")).contains("\"job\":\"j\"");
    }
  }

  private static void assertBad(HttpResponse<String> r, String message) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains(message).endsWith("\n");
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void base64PathsAndGzipBodies() throws Exception {
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      // job "a/b" (YS9i), path="/var/tmp" (L3Zhci90bXA, unpadded), and an empty value ("=")
      String url = s.url() + "/metrics/job@base64/YS9i/path@base64/L3Zhci90bXA/empty@base64/=";
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write("g 42\n".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(send(c, "PUT", url, gz.toByteArray(), "Content-Encoding", "gzip").statusCode())
          .isEqualTo(200);
      assertThat(query(c, s.url(), "g{job=\"a/b\",path=\"/var/tmp\"}"))
          .contains("\"42\"]")
          .doesNotContain("empty");
    }
  }

  /**
   * prometheus_client 0.x {@code push_to_gateway('host:9091', job='batch', registry=r,
   * grouping_key={'instance': 'a/b'})}: PUT, a value with a slash base64-encoded ({@code
   * _escape_grouping_key}), {@code Content-Type: text/plain; version=0.0.4; charset=utf-8}, the
   * body of {@code generate_latest} for a gauge, a counter (with its {@code _created}) and a
   * histogram. Facts from prometheus/client_python {@code exposition.py}.
   */
  @Test
  void theBodyThePythonClientSends() throws Exception {
    String body =
        """
        # HELP job_last_success_unixtime Last time a batch job successfully finished
        # TYPE job_last_success_unixtime gauge
        job_last_success_unixtime 1.7000000001234e+09
        # HELP processed_total Records processed.
        # TYPE processed_total counter
        processed_total 3.0
        # HELP processed_created Records processed.
        # TYPE processed_created gauge
        processed_created 1.7000000001234e+09
        # HELP run_seconds Run time.
        # TYPE run_seconds histogram
        run_seconds_bucket{le="0.5"} 0.0
        run_seconds_bucket{le="+Inf"} 1.0
        run_seconds_count 1.0
        run_seconds_sum 2.5
        # HELP run_seconds_created Run time.
        # TYPE run_seconds_created gauge
        run_seconds_created 1.7000000001234e+09
        """;
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          send(
              c,
              "PUT",
              s.url() + "/metrics/job/batch/instance@base64/YS9i",
              body.getBytes(StandardCharsets.UTF_8),
              "Content-Type",
              "text/plain; version=0.0.4; charset=utf-8");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(
              query(c, s.url(), "run_seconds_bucket{job=\"batch\",instance=\"a/b\",le=\"+Inf\"}"))
          .contains("\"1\"]");
      assertThat(query(c, s.url(), "processed_total{job=\"batch\"}")).contains("\"3\"]");
    }
  }

  /**
   * client_golang {@code push.New(url, "batch").Grouping("instance", "h1").Collector(...).Push()}:
   * PUT with {@code Content-Type: application/vnd.google.protobuf;
   * proto=io.prometheus.client.MetricFamily; encoding=delimited} (expfmt.FmtProtoDelim) and one
   * varint-length-delimited {@code MetricFamily} per family (client_golang {@code push.go},
   * client_model {@code metrics.proto}: name=1, help=2, type=3, metric=4; Metric label=1, gauge=2,
   * counter=3, histogram=7; Histogram sample_count=1, sample_sum=2, bucket=3 {cumulative_count=1,
   * upper_bound=2}).
   */
  @Test
  void theBodyTheGoClientSends() throws Exception {
    byte[] counter =
        msg(
            str(1, "done_total"),
            str(2, "Done."),
            varint(3, 0),
            msg(4, msg(1, str(1, "kind"), str(2, "x")), msg(3, dbl(1, 7))));
    byte[] histogram =
        msg(
            str(1, "lat_seconds"),
            str(2, "Latency."),
            varint(3, 4),
            msg(
                4,
                msg(
                    7,
                    varint(1, 3),
                    dbl(2, 1.5),
                    msg(3, varint(1, 1), dbl(2, 0.1)),
                    msg(3, varint(1, 2), dbl(2, 1e6)))));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] m : new byte[][] {counter, histogram}) {
      body.write(uvarint(m.length));
      body.write(m);
    }
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          send(
              c,
              "PUT",
              s.url() + "/metrics/job/batch/instance/h1",
              body.toByteArray(),
              "Content-Type",
              "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(query(c, s.url(), "done_total{kind=\"x\",job=\"batch\",instance=\"h1\"}"))
          .contains("\"7\"]");
      assertThat(query(c, s.url(), "lat_seconds_bucket{le=\"1e+06\"}")).contains("\"2\"]");
      assertThat(query(c, s.url(), "lat_seconds_bucket{le=\"+Inf\"}")).contains("\"3\"]");
      assertThat(query(c, s.url(), "lat_seconds_sum")).contains("\"1.5\"]");
    }
  }

  @Test
  void groupsSurviveARestart() throws Exception {
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      assertThat(send(c, "PUT", s.url() + "/metrics/job/keep", "kept 9\n").statusCode())
          .isEqualTo(200);
    }
    assertThat(Files.exists(data.resolve("push-groups"))).isTrue();
    try (TestServer s = TestServer.start("--data=" + data);
        HttpClient c = HttpClient.newHttpClient()) {
      String metrics =
          c.send(
                  HttpRequest.newBuilder(URI.create(s.url() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics).contains("moraine_push_groups 1");
    }
  }

  // --- a tiny protobuf writer for the Go client's body
  private static byte[] uvarint(long v) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    while ((v & ~0x7FL) != 0) {
      o.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    o.write((int) v);
    return o.toByteArray();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  private static byte[] msg(byte[]... fields) {
    return cat(fields);
  }

  private static byte[] msg(int field, byte[]... fields) {
    byte[] m = cat(fields);
    return cat(uvarint(field << 3 | 2), uvarint(m.length), m);
  }

  private static byte[] str(int field, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return cat(uvarint(field << 3 | 2), uvarint(b.length), b);
  }

  private static byte[] varint(int field, long v) {
    return cat(uvarint(field << 3), uvarint(v));
  }

  private static byte[] dbl(int field, double v) {
    return cat(
        uvarint(field << 3 | 1),
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
  }
}
