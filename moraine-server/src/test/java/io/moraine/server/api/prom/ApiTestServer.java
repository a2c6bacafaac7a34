package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.time.Clock;
import io.moraine.ingest.remotewrite.RemoteWriteOptions;
import io.moraine.ingest.remotewrite.RemoteWriteReceiver;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import io.moraine.server.store.StorageSettings;
import io.moraine.tsdb.Tsdb;
import io.moraine.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real server for API tests: the Prometheus API and the remote-write receiver on an ephemeral
 * port over a real {@link Tsdb} in a temporary directory, called with the JDK's HTTP client. Its
 * clock's "now" is {@link #NOW}.
 */
final class ApiTestServer implements AutoCloseable {
  /** 2023-11-14T22:13:20Z, the time of an instant query without {@code time}. */
  static final long NOW = 1_700_000_000_000L;

  static final Clock CLOCK =
      new Clock() {
        @Override
        public long nowMillis() {
          return NOW;
        }

        @Override
        public long nanoTime() {
          return System.nanoTime();
        }
      };

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Tsdb tsdb;
  final MetricMetadataRegistry metadata = new MetricMetadataRegistry();
  final MetricRegistry registry = new MetricRegistry();
  private final StorageHandle handle;
  private final HttpServer http;

  private ApiTestServer(Path dir, QueryLimits limits, EngineOptions engine, ServerInfo info) {
    try {
      tsdb = Tsdb.open(dir, TsdbOptions.DEFAULT, CLOCK, registry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    handle = new StorageHandle((s, r) -> tsdb, new StorageSettings(dir, 0, 0, CLOCK), registry);
    handle.open();
    PromApi api =
        new PromApi(
            handle,
            new Engine(engine),
            limits,
            CLOCK,
            metadata,
            info,
            ConfigReloadStatus.unregistered(info.startMillis()));
    RemoteWriteApi remoteWrite =
        new RemoteWriteApi(
            handle, new RemoteWriteReceiver(RemoteWriteOptions.DEFAULT, registry), registry);
    http =
        remoteWrite
            .register(
                api.register(HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), registry)))
            .start();
  }

  static ApiTestServer start(Path dir) {
    return start(dir, QueryLimits.DEFAULT, EngineOptions.DEFAULT);
  }

  static ApiTestServer start(Path dir, QueryLimits limits, EngineOptions engine) {
    return new ApiTestServer(
        dir,
        limits,
        engine,
        new ServerInfo("1.2.3", NOW, "15d", Map.of("query.timeout", "2m", "listen", ":0")));
  }

  /** Appends one sample and commits. */
  void append(long t, double v, String... labels) {
    Appender a = tsdb.appender();
    a.append(Labels.of(labels), t, v);
    a.commit();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + http.localAddress().getPort() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).build());
  }

  HttpResponse<String> post(String path, String form) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  HttpResponse<String> send(HttpRequest req) {
    return send(req, HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return CLIENT.send(req, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of a 200 answer, checked to be {@code {"status":"success","data":...}}; its data. */
  static JsonNode data(HttpResponse<String> r) {
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = parse(r.body());
    assertThat(body.path("status").asText()).isEqualTo("success");
    assertThat(body.fieldNames()).toIterable().containsExactly("status", "data");
    return body.get("data");
  }

  /** Checks an error answer: status, errorType and the exact message. */
  static void assertError(HttpResponse<String> r, int status, String type, String message) {
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
    JsonNode body = parse(r.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("status", "errorType", "error");
    assertThat(body.get("status").asText()).isEqualTo("error");
    assertThat(body.get("errorType").asText()).isEqualTo(type);
    assertThat(body.get("error").asText()).isEqualTo(message);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  @Override
  public void close() {
    http.close();
    handle.close();
  }
}
