package io.moraine.logs.forward;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one {@link LokiForwarder} pushes to one external Loki. Defaults are Promtail's client
 * defaults ({@link #of}).
 *
 * @param url the push endpoint, e.g. {@code http://loki:3100/loki/api/v1/push} (http or https)
 * @param tenantId the {@code X-Scope-OrgID} sent with every push, or null to send each entry's own
 *     tenant
 * @param basicAuthUser basic-auth user name, or null for no {@code Authorization} header
 * @param basicAuthPassword basic-auth password (null is taken as empty); ignored without a user
 * @param headers extra request headers (not {@code Host}, {@code Connection}, {@code
 *     Content-Length}, {@code Expect}, {@code Upgrade}: the HTTP client owns those)
 * @param batchWaitMillis the longest an entry waits for its batch to fill (1 s)
 * @param batchSizeBytes a batch is sent once its lines and structured metadata reach this size (1
 *     MiB)
 * @param queueCapacityBytes the most entry bytes held in memory waiting for the sender; beyond it
 *     the oldest entries are dropped (64 MiB)
 * @param timeoutMillis the limit of one HTTP request, and the flush deadline of {@link
 *     LokiForwarder#close()} (10 s)
 * @param maxRetries the most attempts per batch, as Promtail's {@code max_retries} counts them (10)
 * @param minBackoffMillis the wait after the first failed attempt, doubled after each (500 ms)
 * @param maxBackoffMillis the longest wait between attempts, also the cap on {@code Retry-After} (5
 *     min)
 */
public record ForwardOptions(
    URI url,
    @Nullable String tenantId,
    @Nullable String basicAuthUser,
    @Nullable String basicAuthPassword,
    Map<String, String> headers,
    long batchWaitMillis,
    long batchSizeBytes,
    long queueCapacityBytes,
    long timeoutMillis,
    int maxRetries,
    long minBackoffMillis,
    long maxBackoffMillis) {
  /** Promtail's default batch wait: 1 s. */
  public static final long DEFAULT_BATCH_WAIT_MILLIS = 1000;

  /** Promtail's default batch size: 1 MiB. */
  public static final long DEFAULT_BATCH_SIZE_BYTES = 1 << 20;

  /** 64 MiB: a minute of a busy site's logs rides out a short outage of the remote Loki. */
  public static final long DEFAULT_QUEUE_CAPACITY_BYTES = 64L << 20;

  /** Promtail's default request timeout: 10 s. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /** Promtail's default {@code max_retries}. */
  public static final int DEFAULT_MAX_RETRIES = 10;

  /** Promtail's default {@code min_period}. */
  public static final long DEFAULT_MIN_BACKOFF_MILLIS = 500;

  /** Promtail's default {@code max_period}: 5 min. */
  public static final long DEFAULT_MAX_BACKOFF_MILLIS = 300_000;

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException naming the first option that is out of range
   */
  public ForwardOptions {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "remote_push url must be an absolute http or https URL: " + url);
    }
    headers = Map.copyOf(headers);
    positive("batch_wait", batchWaitMillis);
    positive("batch_size", batchSizeBytes);
    positive("queue_capacity", queueCapacityBytes);
    positive("timeout", timeoutMillis);
    positive("max_retries", maxRetries);
    positive("min_backoff", minBackoffMillis);
    if (maxBackoffMillis < minBackoffMillis) {
      throw new IllegalArgumentException(
          "remote_push max_backoff ("
              + maxBackoffMillis
              + "ms) must not be below min_backoff ("
              + minBackoffMillis
              + "ms)");
    }
  }

  /** Options for {@code url} with every other value at its default. */
  public static ForwardOptions of(URI url) {
    return new ForwardOptions(
        url,
        null,
        null,
        null,
        Map.of(),
        DEFAULT_BATCH_WAIT_MILLIS,
        DEFAULT_BATCH_SIZE_BYTES,
        DEFAULT_QUEUE_CAPACITY_BYTES,
        DEFAULT_TIMEOUT_MILLIS,
        DEFAULT_MAX_RETRIES,
        DEFAULT_MIN_BACKOFF_MILLIS,
        DEFAULT_MAX_BACKOFF_MILLIS);
  }

  /** The URL as metrics and logs name it: without user info, so no credentials leak into labels. */
  String displayUrl() {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + Objects.requireNonNullElse(url.getRawPath(), "");
  }

  private static void positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException("remote_push " + name + " must be positive, got " + v);
    }
  }
}
