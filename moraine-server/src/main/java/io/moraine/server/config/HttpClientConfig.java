package io.moraine.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client keys of a scrape config or an {@code http_sd_configs} entry, as prometheus.yml
 * has them inline ({@code basic_auth}, {@code authorization}, the legacy {@code bearer_token} and
 * {@code bearer_token_file}, {@code tls_config}). The legacy bearer keys are folded into {@link
 * #authorization} at load, as Prometheus does. Secrets in files are read when a header is built,
 * not at load. Paths are already resolved against the config file's directory.
 *
 * @param basicAuth {@code basic_auth}, or null
 * @param authorization {@code authorization} (or the legacy bearer keys), or null
 * @param tls {@code tls_config}
 */
public record HttpClientConfig(
    @Nullable BasicAuth basicAuth, @Nullable Authorization authorization, TlsConfig tls) {
  /** No authentication, default TLS. */
  public static final HttpClientConfig DEFAULT =
      new HttpClientConfig(null, null, TlsConfig.DEFAULT);

  public HttpClientConfig {
    Objects.requireNonNull(tls, "tls");
  }

  /**
   * {@code basic_auth}.
   *
   * @param username the user
   * @param password the inline password ("" when unset)
   * @param passwordFile a file holding the password (trimmed when read), or null
   */
  public record BasicAuth(String username, String password, @Nullable Path passwordFile) {
    public BasicAuth {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * {@code authorization}.
   *
   * @param type the scheme word of the header, {@code Bearer} by default
   * @param credentials the inline credentials ("" when unset)
   * @param credentialsFile a file holding the credentials (trimmed when read), or null
   */
  public record Authorization(String type, String credentials, @Nullable Path credentialsFile) {
    public Authorization {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /**
   * {@code tls_config}.
   *
   * @param caFile CA certificates to verify the server with, or null for the system's
   * @param certFile client certificate, or null
   * @param keyFile client key, or null
   * @param serverName the name to verify the server's certificate against ("" for the host)
   * @param insecureSkipVerify do not verify the server's certificate
   * @param minVersion {@code min_version}, or null for TLS 1.2 (Go's default)
   * @param maxVersion {@code max_version}, or null for TLS 1.3
   */
  public record TlsConfig(
      @Nullable Path caFile,
      @Nullable Path certFile,
      @Nullable Path keyFile,
      String serverName,
      boolean insecureSkipVerify,
      @Nullable TlsVersion minVersion,
      @Nullable TlsVersion maxVersion) {
    /** Verify with the system's CAs, no client certificate, TLS 1.2 and 1.3. */
    public static final TlsConfig DEFAULT = new TlsConfig(null, null, null, "", false, null, null);

    public TlsConfig {
      Objects.requireNonNull(serverName, "serverName");
    }

    /** This config without version limits: the keys Prometheus had before 2.42's versions. */
    public TlsConfig(
        @Nullable Path caFile,
        @Nullable Path certFile,
        @Nullable Path keyFile,
        String serverName,
        boolean insecureSkipVerify) {
      this(caFile, certFile, keyFile, serverName, insecureSkipVerify, null, null);
    }

    /** This config limited to {@code min} .. {@code max} (null for the default bound). */
    public TlsConfig withVersions(@Nullable TlsVersion min, @Nullable TlsVersion max) {
      return new TlsConfig(caFile, certFile, keyFile, serverName, insecureSkipVerify, min, max);
    }
  }

  /**
   * A TLS protocol version as {@code min_version} and {@code max_version} name it, oldest first (so
   * {@link #compareTo} orders versions).
   */
  public enum TlsVersion {
    TLS10("TLSv1"),
    TLS11("TLSv1.1"),
    TLS12("TLSv1.2"),
    TLS13("TLSv1.3");

    private final String protocol;

    TlsVersion(String protocol) {
      this.protocol = protocol;
    }

    /** The JSSE protocol name ({@code TLSv1.2}), as {@code SSLParameters#setProtocols} takes. */
    public String protocol() {
      return protocol;
    }

    /** The version spelled exactly {@code name} ({@code TLS12}), or null when there is none. */
    public static @Nullable TlsVersion named(String name) {
      for (TlsVersion v : values()) {
        if (v.name().equals(name)) {
          return v;
        }
      }
      return null;
    }
  }

  /**
   * The {@code Authorization} header value, reading secret files now.
   *
   * @return the value, or null when no authentication is configured
   * @throws IOException when a secret file cannot be read
   */
  public @Nullable String authorizationHeader() throws IOException {
    BasicAuth b = basicAuth;
    if (b != null) {
      String password = b.passwordFile() == null ? b.password() : read(b.passwordFile());
      byte[] pair = (b.username() + ":" + password).getBytes(StandardCharsets.UTF_8);
      return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
    Authorization a = authorization;
    if (a != null) {
      String cred = a.credentialsFile() == null ? a.credentials() : read(a.credentialsFile());
      return a.type() + " " + cred;
    }
    return null;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }
}
