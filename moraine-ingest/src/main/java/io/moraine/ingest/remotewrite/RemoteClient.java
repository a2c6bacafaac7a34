package io.moraine.ingest.remotewrite;

import io.moraine.ingest.discovery.HttpStatusText;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * POSTs remote-write requests to one remote as Prometheus 2.42's client does: its headers, the
 * remote timeout per request, and its classification of answers: 2xx delivered; network errors and
 * 5xx retried; 429 retried (after {@code Retry-After} when given) only with {@code
 * retry_on_http_429}, else failed like any other status. Thread-safe.
 */
final class RemoteClient {
  /** Prometheus reads at most this much of an error body, first line only. */
  private static final int MAX_ERROR_BYTES = 1024;

  private final HttpClient http;
  private final RemoteWriteTarget target;
  private final String userAgent;

  RemoteClient(HttpClient http, RemoteWriteTarget target, String userAgent) {
    this.http = http;
    this.target = target;
    this.userAgent = userAgent;
  }

  SendOutcome send(byte[] body, int length) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target.url())
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(target.remoteTimeout())
            .header("Content-Encoding", "snappy")
            .header("Content-Type", "application/x-protobuf")
            .header("User-Agent", userAgent)
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length));
    target.headers().forEach(b::setHeader);
    HttpResponse<InputStream> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return new SendOutcome.Retry("Post \"" + target.url() + "\": context deadline exceeded", 0);
    } catch (IOException e) {
      return new SendOutcome.Retry("Post \"" + target.url() + "\": " + describe(e), 0);
    }
    int code = r.statusCode();
    String line = "";
    try (InputStream in = r.body()) {
      if (code / 100 != 2) {
        line = firstLine(in.readNBytes(MAX_ERROR_BYTES));
      }
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the status is what matters; a broken body after it changes nothing
    }
    if (code / 100 == 2) {
      return SendOutcome.DELIVERED;
    }
    String msg =
        "server returned HTTP status " + code + " " + HttpStatusText.of(code) + ": " + line;
    if (code / 100 == 5) {
      return new SendOutcome.Retry(msg, 0);
    }
    if (code == 429 && target.queue().retryOnHttp429()) {
      return new SendOutcome.Retry(
          msg,
          retryAfterNanos(r.headers().firstValue("Retry-After").orElse(""), Clock.systemUTC()));
    }
    return new SendOutcome.Failed(msg);
  }

  /**
   * Prometheus's reading of {@code Retry-After}: an HTTP date (the time until it, possibly
   * negative, then ignored), or whole seconds; anything else means "use the backoff" (0).
   */
  static long retryAfterNanos(String value, Clock clock) {
    if (value.isEmpty()) {
      return 0;
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      long ms = when.toInstant().toEpochMilli() - clock.millis();
      return Math.max(0, TimeUnit.MILLISECONDS.toNanos(ms / 1000 * 1000));
    } catch (DateTimeParseException e) {
      // not a date: seconds
    }
    try {
      return Math.max(0, TimeUnit.SECONDS.toNanos(Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String firstLine(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
