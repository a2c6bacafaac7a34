package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpMethod;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.server.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers larger than one chunk arrive whole; an answer that fails half-way is never whole. */
class StreamingApiTest {
  @Test
  void aLargeAnswerArrivesWholeAndCompressedWhenAsked(@TempDir Path dir) throws IOException {
    try (ApiTestServer server = ApiTestServer.start(dir)) {
      Appender a = server.tsdb.appender();
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        a.append(Labels.of("__name__", "big", "id", String.format("value-%06d-<&>", i)), 1000, i);
      }
      a.commit();
      HttpResponse<String> r = server.get("/api/v1/label/id/values");
      assertThat(r.body().length()).isGreaterThan(10 * ChunkedOutput.CHUNK_BYTES);
      JsonNode values = ApiTestServer.data(r);
      assertThat(values).hasSize(n);
      assertThat(values.get(0).asText()).isEqualTo("value-000000-<&>");
      assertThat(values.get(n - 1).asText()).isEqualTo("value-019999-<&>");
      assertThat(r.body()).contains("\"value-000000-\\u003c\\u0026\\u003e\"");

      HttpResponse<byte[]> gz =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/v1/label/id/values"))
                  .header("Accept-Encoding", "gzip")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gz.body().length).isLessThan(r.body().length() / 4);
      assertThat(gunzip(gz.body())).isEqualTo(r.body());
    }
  }

  private static String gunzip(byte[] b) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anAnswerThatFailsWhileWrittenIsCutOffNotCompleted() throws Exception {
    Endpoint failing =
        (p, ctx) ->
            g -> {
              g.writeStartArray();
              for (int i = 0; i < 50_000; i++) {
                g.writeString("padding-padding-padding");
              }
              throw new IllegalStateException("BUG: failed half-way");
            };
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer http =
        HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), new MetricRegistry())
            .service(
                "/fails",
                new ApiService(Set.of(HttpMethod.GET), failing, executor, Duration.ofSeconds(30)))
            .service(
                "/works",
                new ApiService(
                    Set.of(HttpMethod.GET),
                    (p, ctx) -> g -> g.writeString(p.first("x")),
                    executor,
                    Duration.ofSeconds(30)))
            .start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      URI base = URI.create("http://127.0.0.1:" + http.localAddress().getPort());
      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(base.resolve("/fails")).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      HttpResponse<String> ok =
          client.send(
              HttpRequest.newBuilder(base.resolve("/works?x=y")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.body()).isEqualTo("{\"status\":\"success\",\"data\":\"y\"}");
    } finally {
      http.close();
      executor.close();
    }
  }

  @Test
  void anAnswerThatFailsBeforeAnythingWasSentIsAnErrorBody() throws Exception {
    Endpoint failing =
        (p, ctx) ->
            g -> {
              g.writeStartArray();
              g.writeString("a small start");
              throw new IllegalStateException("BUG: failed early");
            };
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer http =
        HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), new MetricRegistry())
            .service(
                "/fails",
                new ApiService(Set.of(HttpMethod.GET), failing, executor, Duration.ofSeconds(30)))
            .start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      URI base = URI.create("http://127.0.0.1:" + http.localAddress().getPort());
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(base.resolve("/fails")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("\"status\":\"error\"").doesNotContain("a small start");
    } finally {
      http.close();
      executor.close();
    }
  }
}
