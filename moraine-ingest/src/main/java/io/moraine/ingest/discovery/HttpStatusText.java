package io.moraine.ingest.discovery;

/**
 * Go's {@code http.StatusText}, for the status Prometheus puts in a failed scrape's or HTTP
 * discovery's error: the JDK client does not keep the server's reason phrase. Stateless.
 */
public final class HttpStatusText {
  private HttpStatusText() {}

  /** The reason text of {@code code}, or "" for a code Go has none for here. */
  public static String of(int code) {
    return switch (code) {
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
