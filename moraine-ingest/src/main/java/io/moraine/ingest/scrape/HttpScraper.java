package io.moraine.ingest.scrape;

import io.moraine.ingest.discovery.HttpStatusText;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one target's exposition over HTTP the way Prometheus 2.42's scraper asks for it: its
 * {@code Accept} header (OpenMetrics preferred, text 0.0.4 accepted), gzip, the scrape timeout in
 * {@code X-Prometheus-Scrape-Timeout-Seconds}, a whole-scrape deadline and a limit on the
 * uncompressed body. {@code http://} targets go through {@link PlainHttpClient} (keep-alive
 * connections per {@code host:port}); {@code https://} targets and redirects through the JDK
 * client, one shared by all targets whose job brings none of its own (see {@link
 * ScrapeJob#client}). Thread-safe.
 */
public final class HttpScraper implements AutoCloseable {
  /** The {@code Accept} header of Prometheus 2.42's scrapes. */
  public static final String ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /** First read buffer; most node_exporter answers fit after a few doublings. */
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

  /** Body buffers kept for reuse: about as many as scrapes run at once. */
  private static final int MAX_POOLED_BUFFERS = 4;

  /** A buffer grown beyond this is not kept after its scrape. */
  private static final int MAX_POOLED_BUFFER_BYTES = 16 << 20;

  private final HttpClient client;
  private final PlainHttpClient plain = new PlainHttpClient();
  private final String userAgent;
  private final ConcurrentLinkedDeque<byte[]> pool = new ConcurrentLinkedDeque<>();
  private final AtomicInteger pooled = new AtomicInteger();

  /**
   * @param client the shared client (connection pooling, TLS settings)
   * @param userAgent e.g. {@code Moraine/0.1.0}
   */
  public HttpScraper(HttpClient client, String userAgent) {
    this.client = Objects.requireNonNull(client, "client");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
  }

  /**
   * Scrapes {@code url}.
   *
   * @param timeout the whole exchange's deadline, body included
   * @param headers extra request headers (e.g. {@code Authorization}), already resolved
   * @param bodySizeLimitBytes the most uncompressed bytes accepted; 0 for no limit
   * @throws ScrapeException with Prometheus's wording for a non-200 status, a timeout, a body over
   *     the limit, bad gzip or a connection failure
   * @throws InterruptedException when the scraping thread is interrupted (shutdown)
   */
  public ScrapeResponse scrape(
      URI url, Duration timeout, Map<String, String> headers, long bodySizeLimitBytes)
      throws ScrapeException, InterruptedException {
    return scrape(null, url, timeout, headers, bodySizeLimitBytes);
  }

  /**
   * Scrapes {@code url} through {@code via}, or the shared client when it is null; otherwise as
   * {@link #scrape(URI, Duration, Map, long)}.
   */
  public ScrapeResponse scrape(
      @Nullable HttpClient via,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      long bodySizeLimitBytes)
      throws ScrapeException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if ("http".equalsIgnoreCase(url.getScheme())) {
      ScrapeResponse r = plainScrape(url, timeout, headers, bodySizeLimitBytes, deadline);
      if (r != null) {
        return r;
      }
      // a redirect: the JDK client follows it, to https too
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", ACCEPT_HEADER)
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", userAgent)
            .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(timeout))
            .GET();
    headers.forEach(b::header);
    HttpResponse<InputStream> r;
    try {
      r = (via == null ? client : via).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ScrapeException("context deadline exceeded", e);
    } catch (IOException e) {
      throw new ScrapeException(describe(url, e), e);
    }
    try (InputStream raw = r.body()) {
      checkStatus(r.statusCode());
      boolean gzip =
          r.headers()
              .firstValue("Content-Encoding")
              .map(v -> v.equalsIgnoreCase("gzip"))
              .orElse(false);
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      return read(
          in, r.headers().firstValue("Content-Type").orElse(null), bodySizeLimitBytes, deadline);
    } catch (IOException e) {
      if (System.nanoTime() - deadline > 0) {
        throw new ScrapeException("context deadline exceeded", e);
      }
      throw new ScrapeException(describe(url, e), e);
    }
  }

  /**
   * Scrapes an {@code http://} target through {@link PlainHttpClient}; null when it answers with a
   * redirect (the caller then asks again through the JDK client, which follows it).
   */
  private @Nullable ScrapeResponse plainScrape(
      URI url, Duration timeout, Map<String, String> headers, long limit, long deadline)
      throws ScrapeException, InterruptedException {
    List<String> lines = new ArrayList<>(headers.size() + 4);
    lines.add("User-Agent: " + userAgent);
    lines.add("Accept: " + ACCEPT_HEADER);
    lines.add("Accept-Encoding: gzip");
    lines.add("X-Prometheus-Scrape-Timeout-Seconds: " + seconds(timeout));
    headers.forEach((k, v) -> lines.add(k + ": " + v));
    try (PlainHttpClient.Exchange x = plain.get(url, deadline, lines)) {
      int status = x.status();
      if (status >= 300 && status < 400 && x.header("location") != null) {
        return null;
      }
      checkStatus(status);
      String encoding = x.header("content-encoding");
      InputStream in =
          encoding != null && encoding.equalsIgnoreCase("gzip")
              ? new GZIPInputStream(x.body(), 8192)
              : x.body();
      ScrapeResponse r = read(in, x.header("content-type"), limit, deadline);
      x.finish();
      return r;
    } catch (SocketTimeoutException e) {
      throw new ScrapeException("context deadline exceeded", e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("scrape interrupted");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ScrapeException("context deadline exceeded", e);
      }
      throw new ScrapeException(describe(url, e), e);
    }
  }

  private static void checkStatus(int status) throws ScrapeException {
    if (status != 200) {
      throw new ScrapeException(
          "server returned HTTP status " + status + " " + HttpStatusText.of(status));
    }
  }

  /** Closes the idle connections of {@code http://} targets; call when scraping stops. */
  @Override
  public void close() {
    plain.close();
  }

  /**
   * Hands a response's body buffer back for reuse by a later scrape; the caller must not use the
   * response afterwards. Optional: a buffer not released is simply collected.
   */
  public void release(ScrapeResponse response) {
    byte[] b = response.body();
    if (b.length > MAX_POOLED_BUFFER_BYTES) {
      return;
    }
    if (pooled.incrementAndGet() > MAX_POOLED_BUFFERS) {
      pooled.decrementAndGet();
      return;
    }
    pool.push(b);
  }

  private byte[] buffer() {
    byte[] b = pool.poll();
    if (b == null) {
      return new byte[INITIAL_BUFFER_BYTES];
    }
    pooled.decrementAndGet();
    return b;
  }

  private ScrapeResponse read(
      InputStream in, @Nullable String contentType, long limit, long deadline)
      throws IOException, ScrapeException {
    byte[] buf = buffer();
    int n = 0;
    while (true) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int k = in.read(buf, n, buf.length - n);
      if (k < 0) {
        break;
      }
      n += k;
      if (limit > 0 && n > limit) {
        throw new ScrapeException("body size limit exceeded");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ScrapeException("context deadline exceeded");
      }
    }
    return new ScrapeResponse(buf, n, contentType);
  }

  /**
   * Seconds as Go's {@code strconv.FormatFloat(s, 'f', -1, 64)} writes them: {@code 10}, {@code
   * 2.5}.
   */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return Long.toString(ms / 1000);
    }
    return new java.math.BigDecimal(ms).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  private static String describe(URI url, IOException e) {
    if (e instanceof java.net.ConnectException && "http".equalsIgnoreCase(url.getScheme())) {
      int port = url.getPort() < 0 ? 80 : url.getPort();
      String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
      return "Get \"" + url + "\": dial tcp " + url.getHost() + ":" + port + ": connect: " + m;
    }
    if (e instanceof java.net.UnknownHostException) {
      return "Get \"" + url + "\": dial tcp: lookup " + url.getHost() + ": no such host";
    }
    String m = e.getMessage();
    return "Get \"" + url + "\": " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
  }
}
