package io.moraine.server.scrape;

import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.tls.TlsContexts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP clients scrapes go through: one shared by every job with the default {@code tls_config},
 * and one per distinct non-default {@code tls_config} (jobs with equal settings share it). The TLS
 * files are read when a client is first built, so a new instance (a restart or reload building new
 * scraping) picks up changed files. Owns the clients: {@link #close} closes them all, after the
 * scrapes using them have stopped. Not thread-safe; built once before scraping starts.
 */
final class ScrapeClients implements AutoCloseable {
  /** Prometheus's dial timeout is the scrape timeout; this bounds a connect that hangs past it. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient shared = build(null);
  private final Map<HttpClientConfig.TlsConfig, HttpClient> byTls = new HashMap<>();

  /** The client of jobs with the default {@code tls_config}. */
  HttpClient shared() {
    return shared;
  }

  /**
   * The client for {@code job}'s {@code tls_config}, or null when it is the default (the {@link
   * #shared} client serves it).
   *
   * @throws IOException naming the job and the file when a CA, certificate or key file cannot be
   *     read or used
   */
  @Nullable HttpClient forJob(String job, HttpClientConfig.TlsConfig tls) throws IOException {
    if (tls.equals(HttpClientConfig.TlsConfig.DEFAULT)) {
      return null;
    }
    HttpClient c = byTls.get(tls);
    if (c == null) {
      SSLContext ctx;
      try {
        ctx = TlsContexts.of(tls);
      } catch (IOException e) {
        throw new IOException("scrape job \"" + job + "\": " + e.getMessage(), e);
      }
      if (ctx == null) {
        return null;
      }
      c = build(ctx);
      byTls.put(tls, c);
    }
    return c;
  }

  private static HttpClient build(@Nullable SSLContext ctx) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (ctx != null) {
      b.sslContext(ctx);
    }
    return b.build();
  }

  /** Closes every client; call once the scrapes using them have stopped. */
  @Override
  public void close() {
    byTls.values().forEach(HttpClient::close);
    byTls.clear();
    shared.close();
  }
}
