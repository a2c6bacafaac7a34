package io.moraine.bench.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes a small corpus to an in-process receiver that decodes every request. */
class LogPushLoadTest {
  @TempDir static Path dir;
  static CorpusManifest manifest;

  @BeforeAll
  static void generate() throws IOException {
    manifest =
        LogCorpus.generate(
            new LogCorpus.Options(
                3, 1_500_000, 1_714_521_600L * 1_000_000_000L, 3_600L * 1_000_000_000L, 4),
            dir);
  }

  @Test
  void everyEntryArrivesInItsStreamInTimeOrder() throws Exception {
    Map<String, Long> lastPerStream = new HashMap<>();
    AtomicInteger requests = new AtomicInteger();
    long[] totals = new long[2];
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/loki/api/v1/push",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          String type = ex.getRequestHeaders().getFirst("Content-Type");
          String tenant = ex.getRequestHeaders().getFirst("X-Scope-OrgID");
          byte[] plain = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
          new SnappyDecompressor().decompress(body, 0, body.length, plain, 0, plain.length);
          List<ProtoDecoder.Stream> streams = ProtoDecoder.pushRequest(plain, plain.length);
          boolean ok = "application/x-protobuf".equals(type) && "team-a".equals(tenant);
          synchronized (totals) {
            requests.incrementAndGet();
            for (ProtoDecoder.Stream s : streams) {
              long prev = Long.MIN_VALUE;
              for (ProtoDecoder.Entry e : s.entries()) {
                totals[0]++;
                totals[1] += e.line().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                // requests may overtake each other on two connections; inside one, time order
                ok &= prev < e.nanos();
                prev = e.nanos();
              }
              lastPerStream.put(s.labels(), prev);
            }
          }
          ex.sendResponseHeaders(ok ? 204 : 400, -1);
          ex.close();
        });
    server.start();
    try {
      URI url =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loki/api/v1/push");
      LogPushLoad.Result r =
          LogPushLoad.push(new LogPushLoad.Options(url, 2, 64 << 10, "team-a"), dir);
      assertThat(r.entries()).isEqualTo(manifest.lines()).isEqualTo(totals[0]);
      assertThat(r.lineBytes()).isEqualTo(manifest.lineBytes()).isEqualTo(totals[1]);
      assertThat(r.batches())
          .isEqualTo(requests.get())
          .isBetween(manifest.lineBytes() / (64 << 10), manifest.lineBytes() / (64 << 10) + 30);
      assertThat(lastPerStream).hasSize(manifest.streams());
      assertThat(r.toJson()).contains("\"entries\":" + manifest.lines());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRejectedPushFailsLoudlyWithTheStatusAndBody() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/loki/api/v1/push",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] msg =
              "ingestion rate limit exceeded".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.sendResponseHeaders(429, msg.length);
          ex.getResponseBody().write(msg);
          ex.close();
        });
    server.start();
    try {
      URI url =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loki/api/v1/push");
      assertThatThrownBy(
              () -> LogPushLoad.push(new LogPushLoad.Options(url, 2, 64 << 10, null), dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("HTTP 429")
          .hasMessageContaining("ingestion rate limit exceeded");
    } finally {
      server.stop(0);
    }
  }
}
