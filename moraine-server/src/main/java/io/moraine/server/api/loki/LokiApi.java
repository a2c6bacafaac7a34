package io.moraine.server.api.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import io.moraine.core.logs.LogQueryable;
import io.moraine.core.time.Clock;
import io.moraine.server.http.HttpServer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The read side of Loki 2.9's HTTP API, registered on the server's {@link HttpServer}: {@code
 * /loki/api/v1/query}, {@code query_range}, {@code labels}, {@code label/{name}/values}, {@code
 * series}, {@code index/stats}, {@code tail} (WebSocket), {@code status/buildinfo} and Loki's
 * {@code /ready}. Each request runs on its own virtual thread; the tenant is {@code X-Scope-OrgID}
 * ({@code anonymous} when absent). Errors are answered as Loki answers them (plain text, Loki's
 * statuses). Thread-safe.
 */
public final class LokiApi {
  private static final String PREFIX = "/loki/api/v1";
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET);
  private static final Set<HttpMethod> GET_POST = Set.of(HttpMethod.GET, HttpMethod.POST);

  private final QueryEndpoints query;
  private final MetadataEndpoints metadata;
  private final TailService tail;
  private final LokiApiOptions options;
  private final BooleanSupplier ready;
  private final Executor executor;

  /**
   * @param queries the LogQL parser and engine
   * @param store the log store's read side, for labels, series and index stats
   * @param clock "now" of requests without a time
   * @param ready what {@code /ready} reports; must not block
   */
  public LokiApi(
      LogQueries queries,
      LogQueryable store,
      Clock clock,
      LokiApiOptions options,
      BooleanSupplier ready) {
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.ready = Objects.requireNonNull(ready, "ready");
    this.query = new QueryEndpoints(queries, options, clock);
    this.metadata = new MetadataEndpoints(store, queries, clock);
    this.tail = new TailService(queries, clock, options);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loki-api-", 0).factory());
  }

  /** Adds the API's routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    route(b, "/query", GET_POST, query::query);
    route(b, "/query_range", GET_POST, query::queryRange);
    route(b, "/labels", GET_POST, metadata::labels);
    route(b, "/label/{name}/values", GET_POST, metadata::labelValues);
    route(b, "/series", GET_POST, metadata::series);
    route(b, "/index/stats", GET_POST, metadata::indexStats);
    route(b, "/status/buildinfo", GET, r -> this::writeBuildInfo);
    b.lokiService(PREFIX + "/tail", tail.service());
    b.lokiService(
        "/ready",
        (ctx, req) ->
            ready.getAsBoolean()
                ? HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n")
                : HttpResponse.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    MediaType.PLAIN_TEXT_UTF_8,
                    "Moraine is not ready\n"));
    return b;
  }

  private void writeBuildInfo(JsonGenerator g) throws java.io.IOException {
    g.writeStartObject();
    g.writeStringField("version", options.version());
    g.writeStringField("revision", "");
    g.writeStringField("branch", "");
    g.writeStringField("buildUser", "");
    g.writeStringField("buildDate", "");
    g.writeStringField("goVersion", "");
    g.writeEndObject();
  }

  private void route(
      HttpServer.Builder b, String path, Set<HttpMethod> methods, LokiService.Endpoint e) {
    b.lokiService(PREFIX + path, new LokiService(methods, e, executor, options.timeout()));
  }
}
