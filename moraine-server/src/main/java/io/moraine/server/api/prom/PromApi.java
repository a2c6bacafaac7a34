package io.moraine.server.api.prom;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.encoding.EncodingService;
import io.moraine.core.time.Clock;
import io.moraine.promql.engine.Engine;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The query side of Prometheus' HTTP API v1, registered on the server's {@link HttpServer}. Every
 * endpoint runs on its own virtual thread, so that queries waiting for a slot hold no platform
 * thread. Thread-safe.
 */
public final class PromApi {
  private static final String PREFIX = "/api/v1";
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET);
  private static final Set<HttpMethod> GET_POST = Set.of(HttpMethod.GET, HttpMethod.POST);

  /**
   * How long writing an answer may take beyond the query timeout before the exchange is cut off (a
   * client that stops reading must not hold a query's result forever).
   */
  private static final Duration WRITE_ALLOWANCE = Duration.ofMinutes(5);

  /** Encodes {@code application/json} without a charset, which Armeria's default skips. */
  private static final Function<? super HttpService, EncodingService> GZIP =
      EncodingService.builder().encodableContentTypes(MediaType.JSON).newDecorator();

  private final QueryEndpoints query;
  private final SeriesEndpoints series;
  private final StatusEndpoints status;
  private final AlertHistoryEndpoint alertHistory;
  private final Executor executor;
  private final Duration requestTimeout;

  /**
   * @param store the server's store; endpoints that need it answer 503 {@code unavailable} until it
   *     is open
   * @param clock the time of an instant query without {@code time}
   * @param reload what {@code runtimeinfo} reports of the last configuration (re)load
   */
  public PromApi(
      StorageHandle store,
      Engine engine,
      QueryLimits limits,
      Clock clock,
      MetricMetadataRegistry metadata,
      ServerInfo info,
      ConfigReloadStatus reload) {
    Objects.requireNonNull(store, "store");
    QueryRunner runner = new QueryRunner(limits, clock);
    this.query = new QueryEndpoints(store::storage, engine, runner, clock);
    this.series = new SeriesEndpoints(store::storage);
    this.status = new StatusEndpoints(info, metadata, store::unwrapped, reload);
    this.alertHistory = new AlertHistoryEndpoint(store::storage, clock);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 0).factory());
    this.requestTimeout = Duration.ofMillis(limits.timeoutMillis()).plus(WRITE_ALLOWANCE);
  }

  /** Adds {@code /api/v1/targets}, listing what {@code targets} reports at each request. */
  public HttpServer.Builder registerTargets(
      HttpServer.Builder b, java.util.function.Supplier<TargetSource> targets) {
    TargetsEndpoint endpoint = new TargetsEndpoint(targets);
    route(b, "/targets", GET, endpoint::targets);
    route(b, "/targets/metadata", GET, endpoint::metadata);
    return b;
  }

  /**
   * Adds {@code /api/v1/rules} and {@code /api/v1/alerts}, listing what {@code rules} reports at
   * each request.
   */
  public HttpServer.Builder registerRules(
      HttpServer.Builder b, java.util.function.Supplier<RulesSource> rules) {
    RulesEndpoints endpoint = new RulesEndpoints(rules);
    route(b, "/rules", GET, endpoint::rules);
    route(b, "/alerts", GET, endpoint::alerts);
    route(b, "/alertmanagers", GET, endpoint::alertmanagers);
    return b;
  }

  /** Adds the API's routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    route(b, "/query", GET_POST, query::query);
    route(b, "/query_range", GET_POST, query::queryRange);
    route(b, "/format_query", GET_POST, query::formatQuery);
    route(b, "/series", GET_POST, series::series);
    route(b, "/labels", GET_POST, series::labelNames);
    route(b, "/label/{name}/values", GET, series::labelValues);
    route(b, "/metadata", GET, status::metadata);
    route(b, "/status/buildinfo", GET, status::buildInfo);
    route(b, "/status/runtimeinfo", GET, status::runtimeInfo);
    route(b, "/status/flags", GET, status::flags);
    route(b, "/status/tsdb", GET, status::tsdb);
    route(b, "/alerts/history", GET, alertHistory::history);
    return b;
  }

  private void route(HttpServer.Builder b, String path, Set<HttpMethod> methods, Endpoint e) {
    // Compressed when the client accepts it, as Prometheus does (Grafana asks for gzip).
    b.service(PREFIX + path, new ApiService(methods, e, executor, requestTimeout).decorate(GZIP));
  }
}
