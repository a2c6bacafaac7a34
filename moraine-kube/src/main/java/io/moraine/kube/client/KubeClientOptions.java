package io.moraine.kube.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a Kubernetes API server: either an explicit URL with HTTP client settings, or a
 * kubeconfig file (its current context). Secrets are read by the caller; files named here are read
 * when the client is built.
 *
 * @param apiServer the API server's base URL ({@code http} or {@code https}), or null when {@code
 *     kubeconfigFile} is given
 * @param kubeconfigFile a kubeconfig file, or null when {@code apiServer} is given
 * @param authorization the whole {@code Authorization} header value ({@code Bearer <token>} or
 *     {@code Basic <base64>}, or another scheme), or null for none; only with {@code apiServer}
 * @param tls TLS settings; only with {@code apiServer}
 * @param userAgent the {@code User-Agent} of every request
 * @throws IllegalArgumentException when both or neither of {@code apiServer} and {@code
 *     kubeconfigFile} are given, when HTTP settings come with a kubeconfig, or for a bad URL
 */
public record KubeClientOptions(
    @Nullable String apiServer,
    @Nullable Path kubeconfigFile,
    @Nullable String authorization,
    Tls tls,
    String userAgent) {
  /** The service account files a pod sees (Kubernetes' fixed paths). */
  public static final Path SERVICE_ACCOUNT_DIR =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  public KubeClientOptions {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(userAgent, "userAgent");
    if ((apiServer == null) == (kubeconfigFile == null)) {
      throw new IllegalArgumentException("exactly one of apiServer and kubeconfigFile must be set");
    }
    if (kubeconfigFile != null && (authorization != null || !tls.equals(Tls.DEFAULT))) {
      throw new IllegalArgumentException(
          "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
    }
    if (apiServer != null) {
      checkUrl(apiServer);
    }
  }

  /** Options for an API server URL without authentication and with default TLS. */
  public static KubeClientOptions apiServer(String url, String userAgent) {
    return new KubeClientOptions(url, null, null, Tls.DEFAULT, userAgent);
  }

  /** Options from a kubeconfig file. */
  public static KubeClientOptions kubeconfig(Path file, String userAgent) {
    return new KubeClientOptions(null, file, null, Tls.DEFAULT, userAgent);
  }

  /**
   * A copy with an {@code Authorization} header value (null for none).
   *
   * @throws IllegalArgumentException for a kubeconfig
   */
  public KubeClientOptions withAuthorization(@Nullable String value) {
    return new KubeClientOptions(apiServer, kubeconfigFile, value, tls, userAgent);
  }

  /**
   * A copy with TLS settings.
   *
   * @throws IllegalArgumentException for a kubeconfig
   */
  public KubeClientOptions withTls(Tls value) {
    return new KubeClientOptions(apiServer, kubeconfigFile, authorization, value, userAgent);
  }

  /**
   * TLS settings of an explicit API server.
   *
   * @param caFile CA certificates (PEM) to verify the server with, or null for the JDK's
   * @param certFile client certificate (PEM), or null
   * @param keyFile client key (PEM), or null
   * @param insecureSkipVerify trust any server certificate and host name
   */
  public record Tls(
      @Nullable Path caFile,
      @Nullable Path certFile,
      @Nullable Path keyFile,
      boolean insecureSkipVerify) {
    /** Verify with the JDK's CAs, no client certificate. */
    public static final Tls DEFAULT = new Tls(null, null, null, false);
  }

  private static void checkUrl(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "invalid api_server URL " + url + ": " + e.getMessage(), e);
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("api_server URL scheme must be 'http' or 'https': " + url);
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("host is missing in api_server URL: " + url);
    }
  }
}
