package io.moraine.server.api.otlp;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.ingest.otlp.Encoding;
import io.moraine.ingest.otlp.ExportResult;
import io.moraine.ingest.otlp.OtlpFormatException;
import io.moraine.ingest.otlp.OtlpReceiver;
import io.moraine.ingest.otlp.OtlpResponses;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.Gzip;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metrics export, answered as the OTLP/HTTP specification asks:
 * 200 with an {@code ExportMetricsServiceResponse} in the request's encoding (carrying {@code
 * partial_success} when some data points were rejected); 400 with a {@code google.rpc.Status} (code
 * 3, {@code INVALID_ARGUMENT}) in the request's encoding for a body that cannot be decoded; 415 for
 * a {@code Content-Type} other than {@code application/x-protobuf} and {@code application/json}, or
 * a {@code Content-Encoding} other than {@code gzip} and {@code identity}; 413 for a body over the
 * server's request size limit (Armeria) or one that inflates past {@link #maxDecodedBytes}; 405 for
 * other methods; 503 (the server's JSON error) while the store is not open. Counts {@code
 * moraine_otlp_requests_total{code}}. Thread-safe; each request decodes and appends on its own
 * virtual thread.
 */
public final class OtlpApi {
  private static final String PATH = "/v1/metrics";

  /** 64 MiB inflated: well above the collector's default batch (8,192 points, a few MiB). */
  public static final int DEFAULT_MAX_DECODED_BYTES = 64 << 20;

  private final StorageHandle store;
  private final OtlpReceiver receiver;
  private final int maxDecodedBytes;
  private final Counter.Family requests;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-", 0).factory());

  /**
   * @param maxDecodedBytes the largest body accepted after gzip inflation
   */
  public OtlpApi(
      StorageHandle store, OtlpReceiver receiver, int maxDecodedBytes, MetricRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    if (maxDecodedBytes <= 0) {
      throw new IllegalArgumentException("maxDecodedBytes must be positive: " + maxDecodedBytes);
    }
    this.maxDecodedBytes = maxDecodedBytes;
    this.requests =
        registry.counter(
            "moraine_otlp_requests_total",
            "OTLP/HTTP export requests by HTTP status code.",
            "code");
  }

  /** Adds the route. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.service(PATH, this::serve);
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    ctx.log()
        .whenComplete()
        .thenAccept(
            log -> requests.labels(Integer.toString(log.responseHeaders().status().code())).inc());
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    Encoding encoding = Encoding.ofContentType(req.headers().get(HttpHeaderNames.CONTENT_TYPE));
    if (encoding == null) {
      return text(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported content type "
              + req.headers().get(HttpHeaderNames.CONTENT_TYPE)
              + ", want application/x-protobuf or application/json");
    }
    String ce = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity");
    boolean gzip = ce.strip().toLowerCase(Locale.ROOT).equals("gzip");
    if (!gzip && !ce.strip().equalsIgnoreCase("identity")) {
      return text(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported content encoding " + ce + ", want gzip or identity");
    }
    CompletableFuture<HttpResponse> answer =
        req.aggregate().thenApplyAsync(agg -> export(agg.content(), gzip, encoding), executor);
    return AsyncAnswers.of(answer);
  }

  private HttpResponse export(HttpData content, boolean gzip, Encoding encoding) {
    byte[] body;
    try {
      body = gzip ? Gzip.inflate(content.array(), maxDecodedBytes) : content.array();
    } catch (Gzip.TooLargeException e) {
      return status(HttpStatus.REQUEST_ENTITY_TOO_LARGE, String.valueOf(e.getMessage()), encoding);
    } catch (Gzip.CorruptException e) {
      return status(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()), encoding);
    }
    if (body.length > maxDecodedBytes) {
      return status(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "body of " + body.length + " bytes exceeds the limit of " + maxDecodedBytes,
          encoding);
    }
    ExportResult result;
    try {
      result = receiver.export(body, 0, body.length, encoding, store.storage());
    } catch (OtlpFormatException e) {
      return status(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()), encoding);
    }
    return HttpResponse.of(
        HttpStatus.OK, mediaType(encoding), OtlpResponses.export(result, encoding));
  }

  private static HttpResponse status(HttpStatus http, String message, Encoding encoding) {
    return HttpResponse.of(
        http,
        mediaType(encoding),
        OtlpResponses.status(OtlpResponses.INVALID_ARGUMENT, message, encoding));
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message + "\n");
  }

  private static MediaType mediaType(Encoding encoding) {
    return MediaType.parse(encoding.mediaType());
  }
}
