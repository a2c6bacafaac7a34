package io.moraine.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.Histogram;
import io.moraine.core.selfmetrics.MetricRegistry;

/**
 * Counts requests by route pattern and status code, and times them, under Prometheus' names ({@code
 * prometheus_http_requests_total} becomes {@code moraine_http_requests_total}). The route pattern,
 * not the path, is the label, so unknown paths cannot grow the series count.
 */
final class RequestMetrics implements DecoratingHttpServiceFunction {
  /** Prometheus' buckets for its HTTP request durations. */
  private static final double[] BUCKETS = {0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120};

  private final Counter.Family requests;
  private final Histogram.Family durations;

  RequestMetrics(MetricRegistry registry) {
    requests =
        registry.counter(
            "moraine_http_requests_total", "HTTP requests by handler and code.", "handler", "code");
    durations =
        registry.histogram(
            "moraine_http_request_duration_seconds",
            "HTTP request latencies in seconds.",
            BUCKETS,
            "handler");
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
      throws Exception {
    String handler = ctx.config().route().patternString();
    ctx.log()
        .whenComplete()
        .thenAccept(
            log -> {
              requests
                  .labels(handler, Integer.toString(log.responseHeaders().status().code()))
                  .inc();
              durations.labels(handler).observe(log.totalDurationNanos() / 1e9);
            });
    return delegate.serve(ctx, req);
  }
}
