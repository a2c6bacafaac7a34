package io.moraine.server.api.graph;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.time.Clock;
import io.moraine.graph.sites.Answer;
import io.moraine.graph.sites.SiteView;
import io.moraine.graph.sites.Window;
import io.moraine.graph.sites.WindowException;
import io.moraine.server.api.prom.PromTimes;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed consumer API for schedulers and dashboards, over a {@link SiteView}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/sites/{site}/nodes} and {@code /nodes/{node}};
 *   <li>{@code GET /api/v1/sites/{site}/workloads} and {@code /workloads/{ns}/{name}}.
 * </ul>
 *
 * {@code start} and {@code end} are RFC 3339 or unix seconds, as the Prometheus API reads them
 * (default: the last hour up to now). Answers {@code {"status":"success","data":...}}; 404 {@code
 * not_found} for an unknown site, node or workload (or one that did not exist during the window),
 * 400 {@code bad_data} for bad times or a window over the maximum. Thread-safe.
 */
public final class SitesApi {
  /** The route prefix. */
  public static final String PREFIX = "/api/v1/sites/";

  private static final long DEFAULT_WINDOW_MILLIS = 3_600_000;

  private final SiteView view;
  private final Clock clock;

  public SitesApi(SiteView view, Clock clock) {
    this.view = Objects.requireNonNull(view, "view");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Serves one request below {@link #PREFIX}. */
  HttpResponse handle(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    String rest = ctx.path().substring(Math.min(PREFIX.length(), ctx.path().length()));
    List<String> parts = List.of(rest.split("/", -1)).stream().map(SitesApi::decode).toList();
    if (parts.size() < 2 || !(parts.get(1).equals("nodes") || parts.get(1).equals("workloads"))) {
      throw new ApiException(ErrorType.NOT_FOUND, "no such route: " + ctx.path());
    }
    String site = parts.getFirst();
    if (!site.equals(view.site())) {
      throw new ApiException(ErrorType.NOT_FOUND, "unknown site " + GoQuote.quote(site));
    }
    Window w = window(QueryParams.fromQueryString(ctx.query()));
    SitesJson.Body body =
        switch (parts.get(1) + "/" + (parts.size() - 2)) {
          case "nodes/0" -> SitesJson.nodes(site, w, view.nodes(w));
          case "nodes/1" ->
              SitesJson.node(site, w, found(view.node(parts.get(2), w), "node", parts.get(2)));
          case "workloads/0" -> SitesJson.workloads(site, w, view.workloads(w));
          case "workloads/2" ->
              SitesJson.workload(
                  site,
                  w,
                  found(
                      view.workload(parts.get(2), parts.get(3), w),
                      "workload",
                      parts.get(2) + "/" + parts.get(3)));
          default -> throw new ApiException(ErrorType.NOT_FOUND, "no such route: " + ctx.path());
        };
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.bytes());
  }

  private static <T> Answer<T> found(Optional<Answer<T>> a, String what, String name) {
    return a.orElseThrow(
        () ->
            new ApiException(
                ErrorType.NOT_FOUND,
                what + " " + GoQuote.quote(name) + " did not exist during the window"));
  }

  private Window window(QueryParams p) {
    long end = time(p, "end", clock.nowMillis());
    long start = time(p, "start", end - DEFAULT_WINDOW_MILLIS);
    try {
      Window w = new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
      view.check(w);
      return w;
    } catch (WindowException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
  }

  private static long time(QueryParams p, String name, long dflt) {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return PromTimes.parseTimeMillis(v);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ErrorType.BAD_DATA, "invalid parameter " + GoQuote.quote(name) + ": " + e.getMessage());
    }
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
