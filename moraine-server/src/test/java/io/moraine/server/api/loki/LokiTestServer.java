package io.moraine.server.api.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.time.Clock;
import io.moraine.server.http.HttpServer;
import io.moraine.testkit.logs.ReferenceLogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The Loki API on an ephemeral port over the fakes, with a settable clock. */
final class LokiTestServer implements AutoCloseable {
  /** 2023-11-14T22:13:20Z in ms. */
  static final long NOW_MILLIS = 1_700_000_000_000L;

  static final long NOW_NANOS = NOW_MILLIS * 1_000_000L;

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  final AtomicLong nowMillis = new AtomicLong(NOW_MILLIS);
  final AtomicBoolean ready = new AtomicBoolean(true);
  final ReferenceLogStore logs = new ReferenceLogStore(Duration.ofDays(36_500), Integer.MAX_VALUE);
  final FakeLogQueries queries = new FakeLogQueries(logs);
  private final HttpServer http;

  LokiTestServer(LokiApiOptions options) {
    Clock clock =
        new Clock() {
          @Override
          public long nowMillis() {
            return nowMillis.get();
          }

          @Override
          public long nanoTime() {
            return System.nanoTime();
          }
        };
    LokiApi api = new LokiApi(queries, logs, clock, options, ready::get);
    http =
        api.register(
                HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), new MetricRegistry())
                    .readiness(() -> true))
            .start();
  }

  LokiTestServer() {
    this(LokiApiOptions.DEFAULT);
  }

  int port() {
    return http.localAddress().getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> postForm(String path, String form) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  HttpResponse<String> send(HttpRequest req) {
    try {
      return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET expecting 200; the body as JSON. */
  JsonNode json(String pathAndQuery, String... headers) {
    HttpResponse<String> r = get(pathAndQuery, headers);
    if (r.statusCode() != 200) {
      throw new AssertionError("status " + r.statusCode() + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
