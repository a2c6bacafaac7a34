package io.moraine.server.scrape;

import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.tls.TlsContexts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP clients scrapes go through: one shared by every job with the default {@code tls_config}
 * for the whole life of scraping, and one per distinct non-default {@code tls_config} of a {@link
 * Batch} (the jobs built together at start or by one reload; equal settings share a client). The
 * TLS files are read when a batch builds a client, so a job rebuilt by a reload picks up changed
 * files. Each non-default client counts the jobs using it: {@link #release} closes it when the last
 * one lets go, which the caller does once those jobs' scrape loops have stopped. {@link #close}
 * closes every client. Thread-safe.
 */
final class ScrapeClients implements AutoCloseable {
  /** Prometheus's dial timeout is the scrape timeout; this bounds a connect that hangs past it. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient shared = build(null);

  /** Jobs using each non-default client; guarded by {@code this}. */
  private final Map<HttpClient, Integer> users = new IdentityHashMap<>();

  private boolean closed; // guarded by this

  /** The client of jobs with the default {@code tls_config}. */
  HttpClient shared() {
    return shared;
  }

  /** A new batch: the jobs it builds clients for share those with equal settings. */
  Batch batch() {
    return new Batch();
  }

  /** The clients of jobs built together; not thread-safe. */
  final class Batch {
    private final Map<HttpClientConfig.TlsConfig, HttpClient> byTls = new HashMap<>();

    private Batch() {}

    /**
     * The client for {@code job}'s {@code tls_config}, counted as one more user, or null when it is
     * the default (the {@link #shared} client serves it and is not counted).
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
      synchronized (ScrapeClients.this) {
        users.merge(c, 1, Integer::sum);
      }
      return c;
    }
  }

  /**
   * One user of {@code c} lets go; the last one closes it. Call once the scrapes of the job that
   * used it have stopped. Null (the shared client) is ignored.
   */
  void release(@Nullable HttpClient c) {
    if (c == null) {
      return;
    }
    boolean last;
    synchronized (this) {
      Integer n = users.get(c);
      if (n == null && closed) {
        return; // close() closed it already
      }
      if (n == null) {
        throw new IllegalStateException("BUG: scrape client released more often than taken");
      }
      last = n == 1;
      if (last) {
        users.remove(c);
      } else {
        users.put(c, n - 1);
      }
    }
    if (last) {
      c.close(); // waits for requests still in flight, of which there should be none
    }
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
    List<HttpClient> all;
    synchronized (this) {
      all = new ArrayList<>(users.keySet());
      users.clear();
      closed = true;
    }
    all.forEach(HttpClient::close);
    shared.close();
  }
}
