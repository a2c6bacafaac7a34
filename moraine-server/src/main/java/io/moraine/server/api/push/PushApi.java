package io.moraine.server.api.push;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appendable;
import io.moraine.core.time.Clock;
import io.moraine.ingest.push.GroupingKey;
import io.moraine.ingest.push.PushBody;
import io.moraine.ingest.push.PushOptions;
import io.moraine.ingest.push.PushRegistry;
import io.moraine.ingest.push.PushRejectedException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.ErrorType;
import io.moraine.server.http.Gzip;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.NotReadyException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushgateway's push API: {@code PUT} (replace the group, 200), {@code POST} (replace the pushed
 * families, 200) and {@code DELETE} (remove the group, 202) on {@code /metrics/job/<job>{/<label>/
 * <value>}} and its {@code @base64} forms; bodies in the text format 0.0.4 or protobuf-delimited
 * {@code MetricFamily} messages, optionally gzip-compressed ({@code Content-Encoding: gzip}).
 * Errors are 400 with Pushgateway's plain-text message. Counts {@code
 * moraine_push_requests_total{method,code}}; exposes {@code moraine_push_groups}. Thread-safe;
 * {@link #close} stops the refresh and writes the groups file.
 */
public final class PushApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushApi.class);

  /** No bound of its own beyond a Java array's: pushes are not limited by size yet. */
  private static final int MAX_INFLATED_BYTES = Integer.MAX_VALUE - 8;

  private final PushRegistry groups;
  private final Counter.Family requests;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("push-", 0).factory());

  /**
   * Restores the groups of {@code options}' file and starts refreshing them into {@code store}
   * (whose appenders may fail while it is not yet open: those refreshes are logged and skipped).
   */
  public PushApi(PushOptions options, Appendable store, Clock clock, MetricRegistry registry) {
    this.groups = PushRegistry.open(options, store, clock);
    this.requests =
        registry.counter(
            "moraine_push_requests_total",
            "Requests to the push API (/metrics/job/...), by method and status code.",
            "method",
            "code");
    registry.gauge("moraine_push_groups", "Groups held by the push API.", groups::size);
    groups.start();
  }

  /** The registry behind the API. */
  public PushRegistry registry() {
    return groups;
  }

  /** Adds the routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.plainTextService("prefix:" + PushPath.PLAIN, this::serve)
        .plainTextService("prefix:" + PushPath.BASE64, this::serve);
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    HttpMethod m = req.method();
    if (m != HttpMethod.PUT && m != HttpMethod.POST && m != HttpMethod.DELETE) {
      requests.labels(m.name(), "405").inc();
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    String path = ctx.decodedPath();
    CompletableFuture<HttpResponse> answer =
        req.aggregate().thenApplyAsync(agg -> handle(m, path, agg), executor);
    answer.whenComplete((r, e) -> requests.labels(m.name(), code(m, e)).inc());
    return AsyncAnswers.of(answer);
  }

  private HttpResponse handle(HttpMethod m, String path, AggregatedHttpRequest agg) {
    GroupingKey key;
    try {
      key = PushPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
    if (m == HttpMethod.DELETE) {
      groups.delete(key);
      return HttpResponse.of(HttpStatus.ACCEPTED);
    }
    String type = agg.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    byte[] body = body(agg);
    try {
      groups.push(key, PushBody.decode(body, type), m == HttpMethod.PUT);
    } catch (PushRejectedException e) {
      LOG.atDebug()
          .addKeyValue("group", key)
          .addKeyValue("err", e.getMessage())
          .log("push refused");
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
    return HttpResponse.of(HttpStatus.OK);
  }

  private static byte[] body(AggregatedHttpRequest agg) {
    byte[] raw = agg.content().array();
    String enc = agg.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity");
    if (enc.equalsIgnoreCase("identity") || enc.isEmpty()) {
      return raw;
    }
    if (!enc.equalsIgnoreCase("gzip")) {
      throw new ApiException(ErrorType.BAD_DATA, "unsupported Content-Encoding \"" + enc + "\"");
    }
    try {
      return Gzip.inflate(raw, MAX_INFLATED_BYTES);
    } catch (Gzip.CorruptException | Gzip.TooLargeException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
  }

  private static String code(HttpMethod m, @Nullable Throwable e) {
    if (e == null) {
      return m == HttpMethod.DELETE ? "202" : "200";
    }
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return switch (c) {
      case ApiException a -> String.valueOf(a.type().status());
      case NotReadyException n -> "503";
      default -> "500";
    };
  }

  /** Stops refreshing and writes the groups file; a failed write is logged. */
  @Override
  public void close() {
    try {
      groups.close();
    } catch (UncheckedIOException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).log("could not write push groups");
    }
  }
}
