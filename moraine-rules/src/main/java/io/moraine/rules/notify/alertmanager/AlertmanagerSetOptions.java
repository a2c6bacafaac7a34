package io.moraine.rules.notify.alertmanager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How to talk to one set of Alertmanagers (one {@code alertmanagers:} entry of prometheus.yml).
 * Which Alertmanagers the set holds is given separately, by {@link
 * AlertmanagerNotifier#updateTargets}, because discovery lives with the caller.
 *
 * @param name the set's key ({@code config-0}, {@code config-1}, ... as Prometheus names them)
 * @param timeout how long one POST may take, connection included
 * @param authorization the {@code Authorization} header, asked for on every request so that
 *     credentials in files may change; {@link Authorization#NONE} for none
 * @param sslContext TLS for {@code https} Alertmanagers, or null for the JDK's default
 * @param followRedirects whether 3xx answers are followed ({@code follow_redirects})
 */
public record AlertmanagerSetOptions(
    String name,
    Duration timeout,
    Authorization authorization,
    @Nullable SSLContext sslContext,
    boolean followRedirects) {
  /** Prometheus's default timeout ({@code timeout: 10s}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public AlertmanagerSetOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(authorization, "authorization");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** A set with Prometheus's defaults: 10 s timeout, no authentication, default TLS, redirects. */
  public static AlertmanagerSetOptions of(String name) {
    return new AlertmanagerSetOptions(name, DEFAULT_TIMEOUT, Authorization.NONE, null, true);
  }

  public AlertmanagerSetOptions withTimeout(Duration t) {
    return new AlertmanagerSetOptions(name, t, authorization, sslContext, followRedirects);
  }

  public AlertmanagerSetOptions withAuthorization(Authorization a) {
    return new AlertmanagerSetOptions(name, timeout, a, sslContext, followRedirects);
  }

  public AlertmanagerSetOptions withSslContext(@Nullable SSLContext c) {
    return new AlertmanagerSetOptions(name, timeout, authorization, c, followRedirects);
  }

  public AlertmanagerSetOptions withFollowRedirects(boolean f) {
    return new AlertmanagerSetOptions(name, timeout, authorization, sslContext, f);
  }

  /**
   * Produces the {@code Authorization} header value for one request. Called from the sender thread;
   * implementations are thread-safe.
   */
  @FunctionalInterface
  public interface Authorization {
    /**
     * The header value, or null to send none.
     *
     * @throws IOException when a credentials file cannot be read (the request then fails and is
     *     counted as an error)
     */
    @Nullable String header() throws IOException;

    /** No {@code Authorization} header. */
    Authorization NONE = () -> null;

    /** {@code basic_auth}: {@code Basic base64(username:password)}. */
    static Authorization basic(String username, String password) {
      byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
      String value = "Basic " + Base64.getEncoder().encodeToString(pair);
      return () -> value;
    }

    /** {@code authorization} with the default type: {@code Bearer <token>}. */
    static Authorization bearer(String token) {
      String value = "Bearer " + token;
      return () -> value;
    }
  }
}
