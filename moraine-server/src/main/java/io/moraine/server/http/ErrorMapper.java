package io.moraine.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpResponseException;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.graph.store.PreconditionFailedException;
import io.moraine.ingest.remotewrite.RemoteWriteException;
import io.moraine.promql.engine.QueryException;
import io.moraine.promql.parser.ParseException;
import io.moraine.server.store.NotReadyException;
import io.netty.util.AttributeKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP error responses: a Prometheus-style JSON body {@code
 * {"status":"error","errorType":"...","error":"..."}} with the status of its {@link ErrorType}.
 * Input errors ({@link IllegalArgumentException}, {@link ParseException}, {@link ApiException} of
 * type {@code bad_data}) answer 400; query failures as Prometheus 2.42 maps them ({@link
 * QueryException}: {@code execution} 422, {@code timeout} and {@code canceled} 503); a store that
 * is not open 503; anything unexpected 500 {@code internal}, logged with its stack trace, which
 * never reaches the body. Each answer is counted by type in {@code moraine_http_errors_total}.
 *
 * <p>Services registered for plain-text errors ({@link HttpServer.Builder#plainTextService}) get
 * the same status with the message as a {@code text/plain} body ending in a newline, as Prometheus'
 * {@code http.Error} writes it (its remote-write receiver answers that way). Services registered as
 * Loki services ({@link HttpServer.Builder#lokiService}) are answered as Loki 2.9 answers errors
 * (see {@link LokiErrorMapper}).
 */
final class ErrorMapper implements ServerErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final String NOT_FOUND_BODY = "404 page not found\n";

  /** Set on a request whose errors are answered in plain text. */
  static final AttributeKey<Boolean> PLAIN_TEXT =
      AttributeKey.valueOf(ErrorMapper.class, "PLAIN_TEXT");

  /**
   * Set on a request whose errors are answered as the GLACIATION metadata service (FastAPI)
   * answered them: {@code {"detail":"..."}} with the same status.
   */
  static final AttributeKey<Boolean> DETAIL = AttributeKey.valueOf(ErrorMapper.class, "DETAIL");

  /** Set on a request whose errors are answered as Loki answers them ({@link LokiErrorMapper}). */
  static final AttributeKey<Boolean> LOKI = AttributeKey.valueOf(ErrorMapper.class, "LOKI");

  private final Counter.Family errors;

  ErrorMapper(MetricRegistry registry) {
    errors =
        registry.counter(
            "moraine_http_errors_total", "HTTP requests answered with an error body.", "type");
  }

  @Override
  public @Nullable HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    Throwable c = unwrap(cause);
    if (c instanceof HttpStatusException || c instanceof HttpResponseException) {
      return null; // a response chosen by a handler or by Armeria itself
    }
    ErrorType type = classify(c);
    if (type == ErrorType.INTERNAL) {
      LOG.atWarn()
          .addKeyValue("path", ctx.path())
          .setCause(c)
          .log("internal error answering a request");
    }
    errors.labels(type.wireName()).inc();
    if (Boolean.TRUE.equals(ctx.attr(LOKI))) {
      return LokiErrorMapper.response(type, message(c));
    }
    if (Boolean.TRUE.equals(ctx.attr(PLAIN_TEXT))) {
      return plainText(type.status(), message(c));
    }
    if (Boolean.TRUE.equals(ctx.attr(DETAIL))) {
      return detail(type.status(), message(c), c);
    }
    return HttpResponse.of(
        HttpStatus.valueOf(type.status()), MediaType.JSON_UTF_8, body(type, message(c), c));
  }

  @Override
  public @Nullable AggregatedHttpResponse renderStatus(
      @Nullable ServiceRequestContext ctx,
      ServiceConfig config,
      @Nullable RequestHeaders headers,
      HttpStatus status,
      @Nullable String description,
      @Nullable Throwable cause) {
    if (status.equals(HttpStatus.NOT_FOUND)) {
      return AggregatedHttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, NOT_FOUND_BODY);
    }
    return null;
  }

  static ErrorType classify(Throwable c) {
    return switch (c) {
      case ApiException a -> a.type();
      case ParseException p -> ErrorType.BAD_DATA;
      case RemoteWriteException r -> ErrorType.BAD_DATA;
      case QueryException.BadData b -> ErrorType.BAD_DATA;
      case QueryException.Timeout t -> ErrorType.TIMEOUT;
      case QueryException.Canceled x -> ErrorType.CANCELED;
      case QueryException q -> ErrorType.EXECUTION;
      case IllegalArgumentException i -> ErrorType.BAD_DATA;
      case NotReadyException n -> ErrorType.UNAVAILABLE;
      case PreconditionFailedException p -> ErrorType.PRECONDITION_FAILED;
      case ContentTooLargeException t -> ErrorType.TOO_LARGE;
      case RequestTimeoutException t -> ErrorType.TIMEOUT;
      case CancellationException x -> ErrorType.CANCELED;
      default -> ErrorType.INTERNAL;
    };
  }

  /** The JSON error response for a type and message. */
  static HttpResponse response(ErrorType type, String message) {
    return HttpResponse.of(
        HttpStatus.valueOf(type.status()), MediaType.JSON_UTF_8, body(type, message));
  }

  /** A plain-text error response, as Go's {@code http.Error} writes it (message and newline). */
  static HttpResponse plainText(int status, String message) {
    ResponseHeaders headers =
        ResponseHeaders.builder(status)
            .contentType(MediaType.PLAIN_TEXT_UTF_8)
            .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
            .build();
    return HttpResponse.of(headers, HttpData.ofUtf8(message + "\n"));
  }

  static byte[] body(ErrorType type, String message) {
    return body(type, message, null);
  }

  private static byte[] body(ErrorType type, String message, @Nullable Throwable cause) {
    var out = new ByteArrayOutputStream(64 + message.length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "error");
      g.writeStringField("errorType", type.wireName());
      g.writeStringField("error", message);
      if (cause instanceof ApiException a) {
        a.writeDetails(g);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /** FastAPI's error body {@code {"detail":"..."}} (with an exception's details beside it). */
  private static HttpResponse detail(int status, String message, Throwable cause) {
    var out = new ByteArrayOutputStream(32 + message.length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("detail", message);
      if (cause instanceof ApiException a) {
        a.writeDetails(g);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return HttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON_UTF_8, out.toByteArray());
  }

  private static String message(Throwable c) {
    String m = c.getMessage();
    return m == null || m.isEmpty() ? c.getClass().getSimpleName() : m;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException) {
      Throwable inner = c.getCause();
      if (inner == null) {
        break;
      }
      c = inner;
    }
    return c;
  }
}
