package io.moraine.server.http;

import com.linecorp.armeria.common.HttpResponse;

/**
 * The Loki variant of {@link ErrorMapper}: how Loki 2.9's {@code serverutil.WriteError} answers a
 * failed request: a plain-text body (the message and a newline, as Go's {@code http.Error}) with
 * the status Loki picks ({@code ClientHTTPStatusAndError}): bad input, parse errors and limit
 * errors 400; a deadline 504 and a cancelled request 499, each with Loki's fixed sentence instead
 * of the cause; a store that is not ready 503; anything else 500. Stateless.
 */
final class LokiErrorMapper {
  /** Loki's status for a request the client cancelled (nginx's "client closed request"). */
  static final int CLIENT_CLOSED_REQUEST = 499;

  static final String CLIENT_CANCELED = "The request was cancelled by the client.";

  static final String DEADLINE_EXCEEDED =
      "Request timed out, decrease the duration of the request or add more label matchers"
          + " (prefer exact match over regex match) to reduce the amount of data processed.";

  private LokiErrorMapper() {}

  /** The status Loki answers for an error of this type. */
  static int status(ErrorType type) {
    return switch (type) {
      case BAD_DATA, EXECUTION -> 400;
      case TIMEOUT -> 504;
      case CANCELED -> CLIENT_CLOSED_REQUEST;
      case NOT_FOUND -> 404;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
      case PRECONDITION_FAILED, TOO_LARGE, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> type.status();
    };
  }

  /** The body text Loki answers for an error of this type with this message (no newline). */
  static String message(ErrorType type, String message) {
    return switch (type) {
      case TIMEOUT -> DEADLINE_EXCEEDED;
      case CANCELED -> CLIENT_CANCELED;
      default -> message;
    };
  }

  /** The plain-text response for an error of this type and message. */
  static HttpResponse response(ErrorType type, String message) {
    return ErrorMapper.plainText(status(type), message(type, message));
  }
}
