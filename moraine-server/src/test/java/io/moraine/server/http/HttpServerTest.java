package io.moraine.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.ParseException;
import io.moraine.server.store.NotReadyException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Armeria server on an ephemeral port, called with the JDK's HTTP client. */
class HttpServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final AtomicBoolean READY = new AtomicBoolean();
  private static final AtomicInteger SCRAPES = new AtomicInteger();
  private static final MetricRegistry REGISTRY = new MetricRegistry();
  private static HttpServer server;

  @BeforeAll
  static void start() {
    REGISTRY.counter("test_things_total", "Things.").labels().add(3);
    server =
        HttpServer.builder(new InetSocketAddress("127.0.0.1", 0), REGISTRY)
            .readiness(READY::get)
            .beforeScrape(SCRAPES::incrementAndGet)
            .service(
                "/test/bad",
                (ctx, req) -> {
                  throw new IllegalArgumentException("invalid parameter \"query\": 1 +");
                })
            .service(
                "/test/boom",
                (ctx, req) -> {
                  throw new IllegalStateException("BUG: something broke");
                })
            .service(
                "/test/unready",
                (ctx, req) -> {
                  throw new NotReadyException("the store is not ready");
                })
            .service(
                "/test/query/timeout",
                (ctx, req) -> {
                  throw new QueryException.Timeout();
                })
            .service(
                "/test/query/canceled",
                (ctx, req) -> {
                  throw new QueryException.Canceled();
                })
            .service(
                "/test/query/samples",
                (ctx, req) -> {
                  throw new QueryException.TooManySamples();
                })
            .service(
                "/test/query/execution",
                (ctx, req) -> {
                  throw new QueryException.Execution("many-to-many matching not allowed");
                })
            .service(
                "/test/query/bad",
                (ctx, req) -> {
                  throw new QueryException.BadData("invalid expression type");
                })
            .service(
                "/test/query/parse",
                (ctx, req) -> {
                  throw new ParseException(1, 4, "unexpected end of input");
                })
            .service(
                "/test/limit",
                (ctx, req) -> {
                  throw new ApiException(
                      ErrorType.EXECUTION, "query processing would load too many samples");
                })
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthyAnswers200() throws Exception {
    HttpResponse<String> r = get("/-/healthy");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("Moraine is Healthy.\n");
  }

  @Test
  void readyFollowsTheStore() throws Exception {
    READY.set(false);
    HttpResponse<String> before = get("/-/ready");
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).isEqualTo("Service Unavailable");
    READY.set(true);
    HttpResponse<String> after = get("/-/ready");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("Moraine is Ready.\n");
  }

  @Test
  void metricsIsPrometheusText() throws Exception {
    int before = SCRAPES.get();
    get("/-/healthy");
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("# TYPE test_things_total counter\ntest_things_total 3\n")
        .contains("moraine_http_requests_total{handler=\"/-/healthy\",code=\"200\"}");
    assertThat(SCRAPES.get()).isGreaterThan(before);
  }

  @Test
  void unknownPathIs404() throws Exception {
    HttpResponse<String> r = get("/no/such/path");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("404 page not found\n");
  }

  @Test
  void inputErrorsAreBadData() throws Exception {
    HttpResponse<String> r = get("/test/bad");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1 +\"}");
  }

  @Test
  void unexpectedErrorsAreInternalWithoutStackTrace() throws Exception {
    HttpResponse<String> r = get("/test/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"BUG: something broke\"}")
        .doesNotContain("at io.moraine");
  }

  @Test
  void typedErrorsKeepTheirType() throws Exception {
    HttpResponse<String> unready = get("/test/unready");
    assertThat(unready.statusCode()).isEqualTo(503);
    assertThat(unready.body()).contains("\"errorType\":\"unavailable\"");
    HttpResponse<String> limit = get("/test/limit");
    assertThat(limit.statusCode()).isEqualTo(422);
    assertThat(limit.body()).contains("\"errorType\":\"execution\"");
    assertThat(get("/metrics").body()).contains("moraine_http_errors_total{type=\"execution\"} ");
  }

  @Test
  void queryErrorsMapAsInPrometheus242() throws Exception {
    expect("/test/query/timeout", 503, "timeout", "query timed out in expression evaluation");
    expect("/test/query/canceled", 503, "canceled", "query was canceled in expression evaluation");
    expect(
        "/test/query/samples",
        422,
        "execution",
        "query processing would load too many samples into memory in query execution");
    expect("/test/query/execution", 422, "execution", "many-to-many matching not allowed");
    expect("/test/query/bad", 400, "bad_data", "invalid expression type");
    expect("/test/query/parse", 400, "bad_data", "1:4: parse error: unexpected end of input");
  }

  private static void expect(String path, int status, String type, String message)
      throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}");
  }

  @Test
  void aTakenPortIsAClearError() {
    var taken = server.localAddress();
    assertThatThrownBy(() -> HttpServer.builder(taken, new MetricRegistry()).start())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot listen on ")
        .hasMessageContaining("address already in use");
  }
}
