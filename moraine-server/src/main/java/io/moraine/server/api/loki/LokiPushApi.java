package io.moraine.server.api.loki;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.logs.LogAppendable;
import io.moraine.core.time.Clock;
import io.moraine.logs.push.IngestLimits;
import io.moraine.logs.push.IngestionRateLimitedException;
import io.moraine.logs.push.InvalidPushException;
import io.moraine.logs.push.LogPusher;
import io.moraine.logs.push.LokiJsonDecoder;
import io.moraine.logs.push.LokiProtobufDecoder;
import io.moraine.logs.push.OtlpLogsDecoder;
import io.moraine.logs.push.PushBatch;
import io.moraine.logs.push.PushMetrics;
import io.moraine.logs.push.PushOutcome;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.Gzip;
import io.moraine.server.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Log ingestion as Loki 2.9 serves it: {@code POST /loki/api/v1/push} (JSON, or snappy-compressed
 * protobuf when the type is {@code application/x-protobuf} or absent), {@code POST /api/prom/push}
 * (the same, JSON in the legacy form) and OTLP/HTTP {@code POST /v1/logs} (protobuf or JSON).
 * {@code Content-Encoding} gzip, deflate, snappy (ignored: protobuf is always snappy) or none. The
 * tenant is {@code X-Scope-OrgID} ({@code anonymous} when absent), checked as Loki checks it.
 * Answers as Loki, in plain text: 204 when every entry was stored; 400 naming the bad stream, label
 * or entry (valid entries are stored all the same); 429 when the tenant's ingestion rate is
 * exceeded (nothing stored); 415 for another content type; 413 for a body that inflates past the
 * limit; 405 for other methods. Thread-safe; each request decodes and appends on its own virtual
 * thread.
 */
public final class LokiPushApi {
  /** Tenant used when a request names none, as Loki with auth disabled. */
  public static final String DEFAULT_TENANT = "anonymous";

  /** 64 MiB decoded: far above Promtail's and Alloy's 1 MiB batches. */
  public static final int DEFAULT_MAX_DECODED_BYTES = 64 << 20;

  private final LogPusher pusher;
  private final LokiProtobufDecoder protobuf;
  private final LokiJsonDecoder json = new LokiJsonDecoder();
  private final OtlpLogsDecoder otlp;
  private final int maxDecodedBytes;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loki-push-", 0).factory());

  /**
   * @param limits each tenant's ingestion limits
   * @param metrics the push counters (register once per registry with {@link PushMetrics#register})
   */
  public LokiPushApi(
      LogAppendable store,
      Function<String, IngestLimits> limits,
      Clock clock,
      PushMetrics metrics,
      int maxDecodedBytes) {
    this.pusher = new LogPusher(store, limits, clock, metrics);
    this.protobuf = new LokiProtobufDecoder(maxDecodedBytes);
    this.otlp = new OtlpLogsDecoder(OtlpLogsDecoder.DEFAULT_INDEX_LABELS, clock);
    this.maxDecodedBytes = maxDecodedBytes;
  }

  /** Adds the routes. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.plainTextService("/loki/api/v1/push", (ctx, req) -> serve(ctx, req, Kind.LOKI))
        .plainTextService("/api/prom/push", (ctx, req) -> serve(ctx, req, Kind.LOKI))
        .plainTextService("/v1/logs", (ctx, req) -> serve(ctx, req, Kind.OTLP));
  }

  private enum Kind {
    LOKI,
    OTLP
  }

  private enum Format {
    JSON,
    PROTOBUF
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, Kind kind) {
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    String tenant = req.headers().get("X-Scope-OrgID", DEFAULT_TENANT);
    String badTenant = tenantError(tenant);
    if (badTenant != null) {
      return text(HttpStatus.BAD_REQUEST, badTenant);
    }
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    Format format = format(type, kind);
    if (format == null) {
      return text(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "content type: "
              + type
              + " is not supported, want application/json or"
              + " application/x-protobuf");
    }
    String encoding =
        req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "").strip().toLowerCase(Locale.ROOT);
    if (!encoding.isEmpty()
        && !encoding.equals("identity")
        && !encoding.equals("snappy")
        && !encoding.equals("gzip")
        && !encoding.equals("deflate")) {
      return text(HttpStatus.BAD_REQUEST, "Content-Encoding \"" + encoding + "\" not supported");
    }
    CompletableFuture<HttpResponse> answer =
        req.aggregate()
            .thenApplyAsync(agg -> push(tenant, agg.content(), encoding, format, kind), executor);
    return AsyncAnswers.of(answer);
  }

  private HttpResponse push(
      String tenant, HttpData content, String encoding, Format format, Kind kind) {
    byte[] body;
    try {
      body = inflate(content.array(), encoding);
    } catch (Gzip.TooLargeException | TooLargeException e) {
      return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, String.valueOf(e.getMessage()));
    } catch (Gzip.CorruptException | DataFormatException e) {
      return text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }
    if (body.length > maxDecodedBytes) {
      return text(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "body of " + body.length + " bytes exceeds the limit of " + maxDecodedBytes);
    }
    try {
      PushBatch batch = decode(body, format, kind);
      PushOutcome outcome = pusher.push(tenant, batch);
      String errors = outcome.errors();
      return errors == null
          ? HttpResponse.of(HttpStatus.NO_CONTENT)
          : text(HttpStatus.BAD_REQUEST, errors);
    } catch (InvalidPushException e) {
      return text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    } catch (IngestionRateLimitedException e) {
      return text(HttpStatus.TOO_MANY_REQUESTS, String.valueOf(e.getMessage()));
    }
  }

  private PushBatch decode(byte[] body, Format format, Kind kind) {
    if (kind == Kind.OTLP) {
      return format == Format.JSON
          ? otlp.decodeJson(body, 0, body.length)
          : otlp.decodeProtobuf(body, 0, body.length);
    }
    return format == Format.JSON
        ? json.decode(body, 0, body.length)
        : protobuf.decodeSnappy(body, 0, body.length);
  }

  private static @Nullable Format format(String contentType, Kind kind) {
    String t = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "application/json" -> Format.JSON;
      case "application/x-protobuf" -> Format.PROTOBUF;
      case "" -> kind == Kind.LOKI ? Format.PROTOBUF : null;
      default -> null;
    };
  }

  private byte[] inflate(byte[] body, String encoding)
      throws Gzip.TooLargeException, Gzip.CorruptException, DataFormatException, TooLargeException {
    return switch (encoding) {
      case "gzip" -> Gzip.inflate(body, maxDecodedBytes);
      case "deflate" -> deflate(body);
      default -> body;
    };
  }

  /** A deflate body that inflates past the limit. */
  private static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Inflates a raw DEFLATE body (Go's {@code compress/flate}, as Loki reads {@code deflate}),
   * refusing one that grows past the limit.
   */
  private byte[] deflate(byte[] body) throws DataFormatException, TooLargeException {
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(body);
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4 + 64);
      byte[] buf = new byte[16 << 10];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new DataFormatException("invalid deflate body: truncated");
        }
        if (out.size() + (long) n > maxDecodedBytes) {
          throw new TooLargeException(
              "deflate body inflates to more than the limit of " + maxDecodedBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      inf.end();
    }
  }

  /** Loki's (dskit's) tenant id rule; null when {@code id} is valid. */
  static @Nullable String tenantError(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!-_.*'()".indexOf(c) >= 0;
      if (!ok) {
        return "tenant ID '" + id + "' contains unsupported character '" + c + "'";
      }
    }
    if (id.length() > 150) {
      return "tenant ID is too long: max 150 characters";
    }
    return null;
  }

  /** A plain-text answer as Go's {@code http.Error} writes it. */
  private static HttpResponse text(HttpStatus status, String message) {
    ResponseHeaders headers =
        ResponseHeaders.builder(status)
            .contentType(MediaType.PLAIN_TEXT_UTF_8)
            .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
            .build();
    return HttpResponse.of(headers, HttpData.ofUtf8(message + "\n"));
  }
}
