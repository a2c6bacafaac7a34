package io.moraine.ingest.discovery;

import io.moraine.core.labels.GoQuote;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link HttpDiscoverer}, as an {@code http_sd_configs} entry whose secrets the caller
 * has already read.
 *
 * @param url the endpoint, {@code http} or {@code https} with a host; also the {@code __meta_url}
 *     value and the source prefix, exactly as written
 * @param refreshInterval time between polls, and each request's timeout; positive
 * @param authorization the whole {@code Authorization} header value ({@link #basicAuth}, {@link
 *     #bearer}), or null for none
 * @param userAgent the {@code User-Agent} header
 * @param maxBodyBytes the largest body accepted; a larger one is a failed refresh
 * @param sslContext TLS for an {@code https} endpoint (CA, client certificate, server name), or
 *     null for the JDK's default
 * @throws IllegalArgumentException with Prometheus's message for a bad URL, or naming the bad value
 */
public record HttpDiscoveryOptions(
    String url,
    Duration refreshInterval,
    @Nullable String authorization,
    String userAgent,
    long maxBodyBytes,
    @Nullable SSLContext sslContext) {
  /** Prometheus's default {@code refresh_interval}. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);

  /** A bound on what one endpoint may make us hold; lists of 100k targets fit comfortably. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

  public static final String DEFAULT_USER_AGENT = "Moraine";

  public HttpDiscoveryOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(userAgent, "userAgent");
    checkUrl(url);
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException(
          "HTTP service discovery refresh_interval must be positive, got " + refreshInterval);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }

  /** Options for {@code url} with Prometheus's defaults and no authorization. */
  public static HttpDiscoveryOptions of(String url) {
    return new HttpDiscoveryOptions(
        url, DEFAULT_REFRESH_INTERVAL, null, DEFAULT_USER_AGENT, DEFAULT_MAX_BODY_BYTES, null);
  }

  /** A copy with another refresh interval. */
  public HttpDiscoveryOptions withRefreshInterval(Duration interval) {
    return new HttpDiscoveryOptions(
        url, interval, authorization, userAgent, maxBodyBytes, sslContext);
  }

  /** A copy with an {@code Authorization} header value (null for none). */
  public HttpDiscoveryOptions withAuthorization(@Nullable String value) {
    return new HttpDiscoveryOptions(
        url, refreshInterval, value, userAgent, maxBodyBytes, sslContext);
  }

  /** A copy with another TLS context (null for the JDK's default). */
  public HttpDiscoveryOptions withSslContext(@Nullable SSLContext c) {
    return new HttpDiscoveryOptions(
        url, refreshInterval, authorization, userAgent, maxBodyBytes, c);
  }

  /** The header value for {@code basic_auth}. */
  public static String basicAuth(String username, String password) {
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  /** The header value for a bearer token ({@code authorization.credentials}). */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  private static void checkUrl(String url) {
    if (url.isEmpty()) {
      throw new IllegalArgumentException("URL is missing");
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "invalid URL " + GoQuote.quote(url) + ": " + e.getMessage());
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("URL scheme must be 'http' or 'https'");
    }
    if (u.getRawAuthority() == null || u.getRawAuthority().isEmpty()) {
      throw new IllegalArgumentException("host is missing in URL");
    }
  }
}
