package io.moraine.server.api.loki;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.labels.Labels;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.logs.LogAppender;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.logs.push.IngestLimits;
import io.moraine.logs.push.PushMetrics;
import io.moraine.server.http.HttpServer;
import io.moraine.testkit.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiPushApiTest {
  private static final long NOW_MILLIS = 1_700_000_000_000L;

  record Entry(String tenant, Labels stream, long ts, String line) {}

  /** A store fake that records committed entries. */
  static final class Recording implements LogAppendable {
    final List<Entry> entries = new ArrayList<>();

    @Override
    public LogAppender appender(String tenant) {
      List<Entry> pending = new ArrayList<>();
      return new LogAppender() {
        @Override
        public void append(Labels s, long ts, byte[] b, int off, int len, Labels meta) {
          pending.add(new Entry(tenant, s, ts, new String(b, off, len, StandardCharsets.UTF_8)));
        }

        @Override
        public int commit() {
          synchronized (entries) {
            entries.addAll(pending);
          }
          return pending.size();
        }

        @Override
        public void rollback() {}
      };
    }
  }

  private final Recording store = new Recording();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeEach
  void start() {
    MetricRegistry registry = new MetricRegistry();
    IngestLimits small =
        new IngestLimits(
            1000,
            1000,
            0,
            false,
            30,
            1024,
            2048,
            true,
            7 * 86_400_000_000_000L,
            600_000_000_000L,
            true);
    LokiPushApi api =
        new LokiPushApi(
            store,
            t -> t.equals("small") ? small : IngestLimits.DEFAULT,
            new ManualClock(NOW_MILLIS),
            PushMetrics.register(registry),
            1 << 20);
    server =
        api.register(HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), registry)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String json(String labels, String line) {
    return "{\"streams\":[{\"stream\":"
        + labels
        + ",\"values\":[[\"1700000000000000000\",\""
        + line
        + "\"]]}]}";
  }

  @Test
  void jsonPushWithTenantIsStoredAndAnswered204() throws Exception {
    var r =
        post(
            "/loki/api/v1/push",
            json("{\"job\":\"fluent-bit\"}", "hello").getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "X-Scope-OrgID",
            "team-a");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(store.entries)
        .containsExactly(
            new Entry(
                "team-a", Labels.of("job", "fluent-bit"), 1_700_000_000_000_000_000L, "hello"));
  }

  @Test
  void gzipJsonAndSnappyProtobufWithDefaultTenant() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json("{\"job\":\"gz\"}", "zipped").getBytes(StandardCharsets.UTF_8));
    }
    var r =
        post(
            "/loki/api/v1/push",
            gz.toByteArray(),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip");
    assertThat(r.statusCode()).isEqualTo(204);

    byte[] labels = "{job=\"pb\"}".getBytes(StandardCharsets.UTF_8);
    byte[] line = "proto line".getBytes(StandardCharsets.UTF_8);
    // Entry{Timestamp{seconds=1700000000}, line}
    byte[] ts = {0x08, (byte) 0x80, (byte) 0xE2, (byte) 0xCF, (byte) 0xAA, 0x06};
    byte[] entry =
        concat(
            new byte[] {0x0A, (byte) ts.length}, ts, new byte[] {0x12, (byte) line.length}, line);
    byte[] stream =
        concat(
            new byte[] {0x0A, (byte) labels.length},
            labels,
            new byte[] {0x12, (byte) entry.length},
            entry);
    byte[] req = concat(new byte[] {0x0A, (byte) stream.length}, stream);
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(req.length)];
    byte[] body = Arrays.copyOf(out, c.compress(req, 0, req.length, out, 0, out.length));
    r = post("/loki/api/v1/push", body, "Content-Type", "application/x-protobuf");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(store.entries).extracting(Entry::line).containsExactly("zipped", "proto line");
    assertThat(store.entries.get(1).tenant()).isEqualTo("anonymous");
    assertThat(store.entries.get(1).ts()).isEqualTo(1_700_000_000_000_000_000L);
  }

  @Test
  void errorsAnswerLokisPlainTextWithTheirStatus() throws Exception {
    var bad =
        post(
            "/loki/api/v1/push",
            json("{\"a\":\"1\",\"b-c\":\"2\"}", "x").getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .isEqualTo(
            "Error parsing labels '{a=\"1\", b-c=\"2\"}' with error: invalid label name \"b-c\"\n");
    assertThat(bad.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));

    var undecodable =
        post(
            "/loki/api/v1/push",
            "{\"streams\":[{\"values\":[[1,\"x\"]]}]}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(undecodable.statusCode()).isEqualTo(400);
    assertThat(undecodable.body()).startsWith("stream 0: values[0]: timestamp");

    var tenant =
        post(
            "/loki/api/v1/push",
            new byte[0],
            "Content-Type",
            "application/json",
            "X-Scope-OrgID",
            "a/b");
    assertThat(tenant.statusCode()).isEqualTo(400);
    assertThat(tenant.body()).isEqualTo("tenant ID 'a/b' contains unsupported character '/'\n");

    var type = post("/loki/api/v1/push", new byte[0], "Content-Type", "text/plain");
    assertThat(type.statusCode()).isEqualTo(415);

    String big = "x".repeat(1200);
    var limited =
        post(
            "/loki/api/v1/push",
            json("{\"a\":\"1\"}", big).getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "X-Scope-OrgID",
            "small");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body())
        .startsWith(
            "Ingestion rate limit exceeded for user small (limit: 1000 bytes/sec) while attempting to ingest '1' lines totaling '1200' bytes");
    assertThat(store.entries).isEmpty();
  }

  @Test
  void otlpJsonLogsAreMappedAndStored() throws Exception {
    String body =
        "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
            + "{\"stringValue\":\"api\"}}]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":"
            + "\"1700000000000000000\",\"body\":{\"stringValue\":\"otlp line\"}}]}]}]}";
    var r =
        post("/v1/logs", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(store.entries.getFirst().stream()).isEqualTo(Labels.of("service_name", "api"));
    assertThat(post("/v1/logs", new byte[0]).statusCode()).isEqualTo(415);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
