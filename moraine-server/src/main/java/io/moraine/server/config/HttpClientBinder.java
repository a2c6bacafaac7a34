package io.moraine.server.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the inline HTTP client keys of a section into an {@link HttpClientConfig}, checking them as
 * Prometheus 2.42 (prometheus/common v0.39) does, with its messages.
 */
final class HttpClientBinder {
  /** HTTP client keys Prometheus has that Moraine accepts and does not act on yet. */
  private static final String[] NOT_YET_USED = {
    "oauth2",
    "proxy_url",
    "no_proxy",
    "proxy_from_environment",
    "proxy_connect_header",
    "follow_redirects",
    "enable_http2",
  };

  private HttpClientBinder() {}

  /** Reads the keys from {@code s}, adding those accepted but not acted on to {@code ignored}. */
  static HttpClientConfig bind(Section s, Path baseDir, List<String> ignored) {
    String bearer = s.rawString("bearer_token", "");
    Path bearerFile = path(s, "bearer_token_file", baseDir);
    HttpClientConfig.BasicAuth basic = basicAuth(s.section("basic_auth"), baseDir, s);
    Section authSection = s.section("authorization");
    boolean hasAuth = !authSection.entries().isEmpty() || isExplicitlyEmpty(s, "authorization");
    HttpClientConfig.TlsConfig tls = tls(s.section("tls_config"), baseDir);
    ignored.addAll(s.ignore(NOT_YET_USED));
    if (!bearer.isEmpty() && bearerFile != null) {
      throw s.error(
          "bearer_token", "at most one of bearer_token & bearer_token_file must be configured");
    }
    boolean hasBearer = !bearer.isEmpty() || bearerFile != null;
    if (basic != null && hasBearer) {
      throw s.error(
          "basic_auth",
          "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    HttpClientConfig.Authorization auth;
    if (hasAuth) {
      auth = authorization(authSection, baseDir, s, hasBearer, basic != null);
    } else if (hasBearer) {
      auth = new HttpClientConfig.Authorization("Bearer", bearer, bearerFile);
    } else {
      auth = null;
    }
    return new HttpClientConfig(basic, auth, tls);
  }

  private static boolean isExplicitlyEmpty(Section s, String key) {
    for (YamlNode.Entry e : s.entries()) {
      if (e.key().equals(key) && e.value() instanceof YamlNode.Mapping) {
        return true;
      }
    }
    return false;
  }

  static HttpClientConfig.@Nullable BasicAuth basicAuth(Section b, Path baseDir, Section parent) {
    if (b.entries().isEmpty()) {
      return null;
    }
    String username = b.rawString("username", "");
    String password = b.rawString("password", "");
    Path file = path(b, "password_file", baseDir);
    b.rejectUnknown();
    if (!password.isEmpty() && file != null) {
      throw parent.error(
          "basic_auth", "at most one of basic_auth password & password_file must be configured");
    }
    return new HttpClientConfig.BasicAuth(username, password, file);
  }

  private static HttpClientConfig.Authorization authorization(
      Section a, Path baseDir, Section parent, boolean hasBearer, boolean hasBasic) {
    String type = a.rawString("type", "").strip();
    String credentials = a.rawString("credentials", "");
    Path file = path(a, "credentials_file", baseDir);
    a.rejectUnknown();
    if (hasBearer) {
      throw parent.error(
          "authorization", "authorization is not compatible with bearer_token & bearer_token_file");
    }
    if (!credentials.isEmpty() && file != null) {
      throw parent.error(
          "authorization",
          "at most one of authorization credentials & credentials_file must be configured");
    }
    if (type.isEmpty()) {
      type = "Bearer";
    }
    if (type.toLowerCase(Locale.ROOT).equals("basic")) {
      throw a.error(
          "type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    }
    if (hasBasic) {
      throw parent.error(
          "authorization", "at most one of basic_auth, oauth2 & authorization must be configured");
    }
    return new HttpClientConfig.Authorization(type, credentials, file);
  }

  private static HttpClientConfig.TlsConfig tls(Section t, Path baseDir) {
    Path ca = path(t, "ca_file", baseDir);
    Path cert = path(t, "cert_file", baseDir);
    Path key = path(t, "key_file", baseDir);
    String serverName = t.rawString("server_name", "");
    boolean insecure = t.bool("insecure_skip_verify", false);
    HttpClientConfig.TlsVersion min = version(t, "min_version");
    HttpClientConfig.TlsVersion max = version(t, "max_version");
    t.rejectUnknown();
    if (min != null && max != null && max.compareTo(min) < 0) {
      throw t.error(
          "max_version",
          "tls_config.max_version must be greater than or equal to tls_config.min_version if both"
              + " are specified");
    }
    return new HttpClientConfig.TlsConfig(ca, cert, key, serverName, insecure, min, max);
  }

  /** A TLS version key ({@code TLS10} .. {@code TLS13}, exactly), or null when absent or empty. */
  private static HttpClientConfig.@Nullable TlsVersion version(Section t, String key) {
    String name = t.string(key);
    if (name == null) {
      return null;
    }
    HttpClientConfig.TlsVersion v = HttpClientConfig.TlsVersion.named(name);
    if (v == null) {
      throw new YamlError(
          t.markOf(key),
          t.path()
              + "."
              + key
              + ": unknown TLS version: "
              + name
              + " (accepted: "
              + Arrays.stream(HttpClientConfig.TlsVersion.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return v;
  }

  /** A file path joined to the config file's directory, or null when absent or empty. */
  static @Nullable Path path(Section s, String key, Path baseDir) {
    String p = s.string(key);
    return p == null ? null : baseDir.resolve(p).normalize();
  }
}
