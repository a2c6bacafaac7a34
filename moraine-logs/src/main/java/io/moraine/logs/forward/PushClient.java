package io.moraine.logs.forward;

import io.moraine.core.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends push bodies to one remote Loki with Promtail's retry rules: 2xx is success; 429, 5xx and
 * connection errors are retried after an exponential backoff (or the server's {@code Retry-After})
 * up to {@link ForwardOptions#maxRetries()} attempts; any other status drops the batch. Not
 * thread-safe: used by one sender thread.
 */
final class PushClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushClient.class);

  /** How much of an error body goes into the log line. */
  private static final int ERROR_BODY_BYTES = 512;

  /** What became of one batch. */
  enum Outcome {
    SENT,
    REJECTED,
    RETRIES_EXHAUSTED
  }

  private final ForwardOptions options;
  private final String url;
  private final Clock clock;
  private final ForwardMetrics.Url metrics;
  private final HttpClient client;
  private final HttpRequest.Builder template;

  /**
   * @throws IllegalArgumentException when a configured header may not be set by a client
   */
  PushClient(ForwardOptions options, Clock clock, ForwardMetrics.Url metrics) {
    this.options = options;
    this.url = options.displayUrl();
    this.clock = clock;
    this.metrics = metrics;
    boolean tls = options.url().getScheme().equalsIgnoreCase("https");
    this.client =
        HttpClient.newBuilder()
            .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(options.timeoutMillis()))
            .build();
    this.template = template(options);
  }

  private static HttpRequest.Builder template(ForwardOptions options) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(options.url())
            .timeout(Duration.ofMillis(options.timeoutMillis()))
            .header("Content-Type", "application/x-protobuf")
            .header("User-Agent", "moraine/" + version());
    for (Map.Entry<String, String> h : options.headers().entrySet()) {
      try {
        b.header(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "remote_push header " + h.getKey() + " cannot be set: " + e.getMessage(), e);
      }
    }
    String user = options.basicAuthUser();
    if (user != null) {
      String password = options.basicAuthPassword() == null ? "" : options.basicAuthPassword();
      String token = user + ":" + password;
      b.setHeader(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private static String version() {
    String v = PushClient.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Pushes one body, retrying as the class doc says.
   *
   * @param tenant the {@code X-Scope-OrgID} to send
   * @throws InterruptedException when the thread is interrupted (the forwarder is closing)
   */
  Outcome push(String tenant, byte[] body) throws InterruptedException {
    HttpRequest request =
        template
            .copy()
            .setHeader("X-Scope-OrgID", tenant)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    for (int attempt = 1; ; attempt++) {
      long delayMillis;
      String failure;
      try {
        HttpResponse<InputStream> r =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        int status = r.statusCode();
        String error = errorBody(r);
        if (status / 100 == 2) {
          return Outcome.SENT;
        }
        metrics.failedRequests().inc();
        if (status != 429 && status / 100 != 5) {
          LOG.atWarn()
              .addKeyValue("url", url)
              .addKeyValue("tenant", tenant)
              .addKeyValue("status", status)
              .addKeyValue("error", error)
              .log("remote Loki rejected a batch; dropping it");
          return Outcome.REJECTED;
        }
        failure = "status " + status + ": " + error;
        long retryAfter = retryAfterMillis(r);
        delayMillis = retryAfter >= 0 ? retryAfter : backoffMillis(attempt);
      } catch (IOException e) {
        metrics.failedRequests().inc();
        failure = e.toString();
        delayMillis = backoffMillis(attempt);
      }
      if (attempt >= options.maxRetries()) {
        LOG.atWarn()
            .addKeyValue("url", url)
            .addKeyValue("tenant", tenant)
            .addKeyValue("attempts", attempt)
            .addKeyValue("error", failure)
            .log("giving up on a batch after its last attempt");
        return Outcome.RETRIES_EXHAUSTED;
      }
      LOG.atDebug()
          .addKeyValue("url", url)
          .addKeyValue("attempt", attempt)
          .addKeyValue("retryInMillis", delayMillis)
          .addKeyValue("error", failure)
          .log("push failed; retrying");
      Thread.sleep(delayMillis);
    }
  }

  /** {@code minBackoff * 2^(attempt-1)}, capped at maxBackoff. */
  long backoffMillis(int attempt) {
    long d = options.minBackoffMillis();
    for (int i = 1; i < attempt && d < options.maxBackoffMillis(); i++) {
      d *= 2;
    }
    return Math.min(d, options.maxBackoffMillis());
  }

  /** The server's {@code Retry-After} in ms (seconds or an HTTP date), capped; -1 when none. */
  private long retryAfterMillis(HttpResponse<?> r) {
    String v = r.headers().firstValue("Retry-After").orElse(null);
    if (v == null || v.isBlank()) {
      return -1;
    }
    v = v.strip();
    long millis;
    try {
      millis = Math.multiplyExact(Long.parseLong(v), 1000L);
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        millis = at.toInstant().toEpochMilli() - clock.nowMillis();
      } catch (DateTimeParseException notADate) {
        return -1;
      }
    }
    return Math.clamp(millis, 0, options.maxBackoffMillis());
  }

  private static String errorBody(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      byte[] head = in.readNBytes(ERROR_BODY_BYTES);
      return new String(head, StandardCharsets.UTF_8).strip();
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
