package io.moraine.rules.notify.receiver;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP settings of one integration ({@code http_config} in alertmanager.yml). At most one of basic
 * auth and bearer token may be set.
 *
 * @param basicAuthUsername user for HTTP basic auth; empty for none
 * @param basicAuthPassword password for HTTP basic auth
 * @param bearerToken a token sent as {@code Authorization: Bearer}; empty for none
 * @param timeout the longest one HTTP request may take (further bounded by the delivery deadline)
 */
public record HttpSettings(
    String basicAuthUsername, String basicAuthPassword, String bearerToken, Duration timeout) {
  /** No auth, 30 s per request. */
  public static final HttpSettings DEFAULT = new HttpSettings("", "", "", Duration.ofSeconds(30));

  public HttpSettings {
    Objects.requireNonNull(basicAuthUsername, "basicAuthUsername");
    Objects.requireNonNull(basicAuthPassword, "basicAuthPassword");
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(timeout, "timeout");
    if (!basicAuthUsername.isEmpty() && !bearerToken.isEmpty()) {
      throw new IllegalArgumentException(
          "http settings: at most one of basic_auth and bearer_token may be configured");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("http settings: timeout must be positive, got " + timeout);
    }
  }

  /** The value of the {@code Authorization} header, or empty for none. */
  String authorization() {
    if (!bearerToken.isEmpty()) {
      return "Bearer " + bearerToken;
    }
    if (!basicAuthUsername.isEmpty()) {
      String raw = basicAuthUsername + ":" + basicAuthPassword;
      return "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return "";
  }
}
