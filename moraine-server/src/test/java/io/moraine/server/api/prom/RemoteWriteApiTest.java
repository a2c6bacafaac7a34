package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.snappy.SnappyCompressor;
import io.moraine.core.labels.Matcher;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Querier;
import io.moraine.core.storage.SampleIterator;
import io.moraine.core.storage.SelectHints;
import io.moraine.core.storage.SeriesSet;
import io.moraine.ingest.remotewrite.RemoteWriteOptions;
import io.moraine.ingest.remotewrite.RemoteWriteReceiver;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.InMemoryStorage;
import io.moraine.server.store.StorageHandle;
import io.moraine.server.store.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/write} on a real server over a real TSDB, answered as Prometheus 2.42. */
class RemoteWriteApiTest {
  private static final long T = ApiTestServer.NOW - 60_000;

  @TempDir Path dir;
  private ApiTestServer server;

  @BeforeEach
  void start() {
    server = ApiTestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aGoodRequestIsAnswered204AndQueryable() throws Exception {
    byte[] body =
        snappy(
            request(
                series(1.5, T, "__name__", "rw_metric", "job", "a"),
                series(2.5, T + 1000, "__name__", "rw_metric", "job", "a"),
                series(7, T, "job", "b", "__name__", "rw_metric")));
    HttpResponse<String> r = post(body, true);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();

    List<String> stored = new ArrayList<>();
    try (Querier q = server.tsdb.querier(T - 1, T + 2000)) {
      SeriesSet set = q.select(true, SelectHints.NONE, Matcher.eq("__name__", "rw_metric"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next()) {
          stored.add(set.at().labels().get("job") + "@" + it.atT() + "=" + it.atV());
        }
      }
    }
    assertThat(stored)
        .containsExactly("a@" + T + "=1.5", "a@" + (T + 1000) + "=2.5", "b@" + T + "=7.0");

    JsonNode data =
        ApiTestServer.data(server.get("/api/v1/query?query=rw_metric&time=" + (T + 1000) / 1000.0));
    assertThat(data.get("result")).hasSize(2);
    assertThat(server.get("/metrics").body())
        .contains("moraine_remote_write_requests_total{code=\"204\"} 1")
        .contains("moraine_remote_write_received_samples_total 3");
  }

  @Test
  void headersAreNotRequiredAsIn242() {
    HttpResponse<String> r = post(snappy(request(series(1, T, "__name__", "m"))), false);
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  void undecodableBodiesAre400InPlainText() {
    assertPlainError(post(new byte[] {1, 2, 3}, true), 400, "snappy: corrupt input");
    byte[] proto = request(series(1, T, "__name__", "m"));
    assertPlainError(
        post(snappy(Arrays.copyOf(proto, proto.length - 2)), true),
        400,
        "proto: unexpected EOF: truncated input while reading 33 bytes of a length-delimited"
            + " field (31 left) at byte 1");
    assertPlainError(post(proto, true), 400, "snappy: corrupt input");
  }

  @Test
  void invalidLabelsAre400() {
    assertPlainError(
        post(snappy(request(series(1, T, "__name__", "m", "a", "x", "a", "y"))), true),
        400,
        "label name \"a\" is not unique: invalid sample");
    assertPlainError(
        post(snappy(request(series(1, T, "__name__", "m", "bad-name", "x"))), true),
        400,
        "invalid label name \"bad-name\"");
  }

  @Test
  void aSampleOlderThanAStoredOneIs400AndNothingOfTheRequestIsStored() {
    assertThat(post(snappy(request(series(1, T, "__name__", "m"))), true).statusCode())
        .isEqualTo(204);
    HttpResponse<String> r =
        post(
            snappy(
                request(series(5, T, "__name__", "other"), series(2, T - 1000, "__name__", "m"))),
            true);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("out of order sample\n");
    assertThat(
            ApiTestServer.data(server.get("/api/v1/query?query=other&time=" + T / 1000.0))
                .get("result"))
        .isEmpty();
    assertThat(server.get("/metrics").body())
        .contains("moraine_remote_write_requests_total{code=\"400\"} 1")
        .contains("moraine_remote_write_rejected_samples_total{reason=\"out_of_order\"} 2");
  }

  @Test
  void otherMethodsAre405() {
    assertThat(server.get("/api/v1/write").statusCode()).isEqualTo(405);
  }

  @Test
  void aStoreNotYetOpenIs503(@TempDir Path other) {
    MetricRegistry registry = new MetricRegistry();
    StorageHandle closed =
        new StorageHandle(
            (s, r) -> new InMemoryStorage(),
            new StorageSettings(other, 0, 0, ApiTestServer.CLOCK),
            registry);
    RemoteWriteApi api =
        new RemoteWriteApi(
            closed, new RemoteWriteReceiver(RemoteWriteOptions.DEFAULT, registry), registry);
    HttpServer http =
        api.register(HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), registry)).start();
    try {
      HttpResponse<String> r =
          send(http.localAddress().getPort(), snappy(request(series(1, T, "__name__", "m"))), true);
      assertPlainError(r, 503, "the store is not ready");
    } finally {
      http.close();
    }
  }

  private static void assertPlainError(HttpResponse<String> r, int status, String messageStart) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(r.body()).startsWith(messageStart).endsWith("\n");
  }

  private HttpResponse<String> post(byte[] body, boolean headers) {
    return send(server.uri("/").getPort(), body, headers);
  }

  private static HttpResponse<String> send(int port, byte[] body, boolean headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/write"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers) {
      b.header("Content-Encoding", "snappy")
          .header("Content-Type", "application/x-protobuf")
          .header("X-Prometheus-Remote-Write-Version", "0.1.0");
    }
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- hand-built remote-write bytes

  private static byte[] request(byte[]... series) {
    var out = new ByteArrayOutputStream();
    for (byte[] s : series) {
      field(out, 1, s);
    }
    return out.toByteArray();
  }

  private static byte[] series(double v, long t, String... kv) {
    var ts = new ByteArrayOutputStream();
    for (int i = 0; i < kv.length; i += 2) {
      var label = new ByteArrayOutputStream();
      field(label, 1, kv[i].getBytes(StandardCharsets.UTF_8));
      field(label, 2, kv[i + 1].getBytes(StandardCharsets.UTF_8));
      field(ts, 1, label.toByteArray());
    }
    var sample = new ByteArrayOutputStream();
    sample.write(0x09);
    long bits = Double.doubleToLongBits(v);
    for (int i = 0; i < 8; i++) {
      sample.write((int) (bits >>> (8 * i)));
    }
    sample.write(0x10);
    varint(sample, t);
    field(ts, 2, sample.toByteArray());
    return ts.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int field, byte[] payload) {
    varint(out, field << 3 | 2);
    varint(out, payload.length);
    out.writeBytes(payload);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] buf = new byte[c.maxCompressedLength(raw.length)];
    return Arrays.copyOf(buf, c.compress(raw, 0, raw.length, buf, 0, buf.length));
  }
}
