package io.moraine.server.api.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.core.time.Clock;
import io.moraine.ingest.otlp.OtlpOptions;
import io.moraine.ingest.otlp.OtlpReceiver;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.InMemoryStorage;
import io.moraine.server.store.StorageHandle;
import io.moraine.server.store.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/metrics}: status codes, content types, gzip and partial success over HTTP. */
class OtlpApiTest {
  private static final String GAUGE_JSON =
      "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
          + "\"value\":{\"stringValue\":\"svc\"}}]},\"scopeMetrics\":[{\"metrics\":["
          + "{\"name\":\"room.temp\",\"unit\":\"Cel\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":"
          + "\"1700000000000000000\",\"asDouble\":21.5}]}},"
          + "{\"name\":\"d\",\"sum\":{\"dataPoints\":[{\"timeUnixNano\":\"1700000000000000000\","
          + "\"asInt\":\"1\"},{\"timeUnixNano\":\"1700000000000000000\",\"asInt\":\"2\"}],"
          + "\"aggregationTemporality\":1,\"isMonotonic\":true}}]}]}]}";

  @TempDir Path dir;
  private final InMemoryStorage storage = new InMemoryStorage();
  private final MetricRegistry registry = new MetricRegistry();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer http;

  @BeforeEach
  void start() {
    StorageHandle handle =
        new StorageHandle(
            (s, r) -> storage, new StorageSettings(dir, 0, 0, Clock.SYSTEM), registry);
    handle.open();
    OtlpApi api =
        new OtlpApi(handle, new OtlpReceiver(OtlpOptions.DEFAULT, registry), 4096, registry);
    http =
        api.register(HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), registry)).start();
  }

  @AfterEach
  void stop() {
    http.close();
    client.close();
  }

  private HttpResponse<byte[]> post(byte[] body, String contentType, boolean gzip)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.localAddress().getPort() + "/v1/metrics"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? gzip(body) : body));
    if (gzip) {
      b.header("Content-Encoding", "gzip");
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private List<String> stored(String metric) {
    List<String> out = new ArrayList<>();
    try (Querier q = storage.querier(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", metric));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next()) {
          out.add(set.at().labels() + " " + it.atT() + " " + it.atV());
        }
      }
    }
    return out;
  }

  /** A protobuf request with one gauge point {@code name} = {@code v} at 1700000000 s. */
  private static byte[] protoGauge(String name, double v) {
    byte[] point =
        concat(fixed64(3, 1_700_000_000_000_000_000L), fixed64(4, Double.doubleToLongBits(v)));
    byte[] metric =
        concat(field(1, name.getBytes(StandardCharsets.UTF_8)), field(5, field(1, point)));
    return field(1, field(2, field(2, metric)));
  }

  private static byte[] field(int n, byte[] payload) {
    return concat(new byte[] {(byte) (n << 3 | 2), (byte) payload.length}, payload);
  }

  private static byte[] fixed64(int n, long v) {
    byte[] b = new byte[9];
    b[0] = (byte) (n << 3 | 1);
    for (int i = 0; i < 8; i++) {
      b[i + 1] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void protobufIsStoredAndAnsweredWithAnEmptyResponse() throws Exception {
    HttpResponse<byte[]> r = post(protoGauge("up.time", 3), "application/x-protobuf", false);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(r.body()).isEmpty();
    assertThat(stored("up_time")).containsExactly("up_time{} 1700000000000 3.0");
  }

  @Test
  void gzipBodiesAreInflated() throws Exception {
    HttpResponse<byte[]> r = post(protoGauge("zipped", 4), "application/x-protobuf", true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(stored("zipped")).containsExactly("zipped{} 1700000000000 4.0");
  }

  @Test
  void jsonWithRejectedPointsIsAPartialSuccessInJson() throws Exception {
    HttpResponse<byte[]> r =
        post(GAUGE_JSON.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .startsWith("{\"partialSuccess\":{\"rejectedDataPoints\":\"2\",\"errorMessage\":")
        .contains("invalid temporality and type combination for metric \\\"d\\\"");
    assertThat(stored("room_temp_celsius"))
        .containsExactly("room_temp_celsius{job=\"svc\"} 1700000000000 21.5");
  }

  @Test
  void undecodableBodiesAre400WithAStatusInTheRequestsEncoding() throws Exception {
    byte[] bad = {0x0A, 0x05, 0x01};
    HttpResponse<byte[]> r = post(bad, "application/x-protobuf", false);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(r.body()[0]).isEqualTo((byte) 0x08); // google.rpc.Status.code
    assertThat(r.body()[1]).isEqualTo((byte) 3); // INVALID_ARGUMENT
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("truncated");

    HttpResponse<byte[]> j = post("{\"resourceMetrics\":7}".getBytes(), "application/json", false);
    assertThat(j.statusCode()).isEqualTo(400);
    assertThat(new String(j.body(), StandardCharsets.UTF_8))
        .startsWith("{\"code\":3,\"message\":\"invalid ExportMetricsServiceRequest (JSON)")
        .contains("want an array for field \\\"resourceMetrics\\\"");
  }

  @Test
  void otherContentTypesAre415AndOtherMethods405() throws Exception {
    HttpResponse<byte[]> r = post("x 1\n".getBytes(), "text/plain", false);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("unsupported content type");
    HttpResponse<byte[]> get =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.localAddress().getPort() + "/v1/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void bodiesOverTheLimitAre413() throws Exception {
    byte[] big = new byte[10_000]; // inflates past the 4096-byte limit of this server
    assertThat(post(big, "application/x-protobuf", true).statusCode()).isEqualTo(413);
    assertThat(post(big, "application/x-protobuf", false).statusCode()).isEqualTo(413);
    assertThat(stored("zipped")).isEmpty();
  }
}
