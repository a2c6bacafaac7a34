package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs.remote_push} through the whole server: an entry pushed to Moraine reaches the
 * configured Loki URL as a snappy protobuf push with the configured tenant.
 */
class LogsRemotePushTest {
  @TempDir Path dir;

  @Test
  void acceptedEntriesAreForwardedToTheConfiguredLoki() throws Exception {
    CopyOnWriteArrayList<String> bodies = new CopyOnWriteArrayList<>();
    CopyOnWriteArrayList<String> tenants = new CopyOnWriteArrayList<>();
    HttpServer loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    loki.createContext(
        "/loki/api/v1/push",
        x -> {
          byte[] body = x.getRequestBody().readAllBytes();
          byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
          new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
          // protobuf strings are UTF-8 bytes inside the message: the labels and line show as text
          bodies.add(new String(raw, StandardCharsets.ISO_8859_1));
          tenants.add(String.valueOf(x.getRequestHeaders().getFirst("X-Scope-OrgID")));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    loki.start();
    try {
      Path config = dir.resolve("moraine.yml");
      Files.writeString(
          config,
          """
          logs:
            remote_push:
              - url: http://127.0.0.1:%d/loki/api/v1/push
                tenant_id: site-a
                batch_wait: 100ms
          """
              .formatted(loki.getAddress().getPort()));
      long now = System.currentTimeMillis() * 1_000_000L;
      try (TestServer s =
              TestServer.start("--data=" + dir.resolve("data"), "--config", config.toString());
          HttpClient c = HttpClient.newHttpClient()) {
        HttpResponse<String> r =
            c.send(
                HttpRequest.newBuilder(URI.create(s.url() + "/loki/api/v1/push"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"streams\":[{\"stream\":{\"app\":\"fwd\"},\"values\":[[\""
                                + now
                                + "\",\"forwarded line\"]]}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bodies.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0)).contains("{app=\"fwd\"}").contains("forwarded line");
      assertThat(tenants).containsExactly("site-a");
    } finally {
      loki.stop(0);
    }
  }
}
