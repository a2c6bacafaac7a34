package io.moraine.ingest.discovery;

import io.moraine.core.discovery.Discoverer;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP-based discovery, as Prometheus's {@code http_sd_configs}: polls a URL every refresh interval
 * (by the injected clock) with {@code GET}, {@code Accept: application/json} and {@code
 * X-Prometheus-Refresh-Interval-Seconds}; an answer must be {@code 200} with {@code Content-Type:
 * application/json} (optionally {@code ; charset=utf-8}) and a file_sd JSON body. Sources are
 * {@code <url>:<index>}, each group labelled {@code __meta_url=<url>}; groups past the end of a
 * shorter list are removed. A failed poll keeps the last groups and counts {@code
 * moraine_sd_http_failures_total}.
 *
 * <p>Thread-safe; updates come from the discoverer's own thread. Owns its {@link HttpClient};
 * {@link #close} aborts a poll in flight and releases it.
 */
public final class HttpDiscoverer implements Discoverer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDiscoverer.class);

  static final String URL_LABEL = "__meta_url";

  /** Go's pattern; {@code \s} there is {@code [\t\n\f\r ]}. */
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("(?i)application/json(;[\\t\\n\\f\\r ]*charset=(\"utf-8\"|utf-8))?");

  private final HttpDiscoveryOptions options;
  private final HttpRequest request;
  private final long intervalNanos;
  private final Clock clock;
  private final DiscoveryMetrics metrics;
  private final HttpClient client;
  private final DiscoveryThread thread = new DiscoveryThread("moraine-sd-http");
  private final GroupTracker tracker = new GroupTracker(); // the discoverer's thread only

  /** A discoverer for {@code options}; nothing is fetched before {@link #start}. */
  public HttpDiscoverer(HttpDiscoveryOptions options, Clock clock, DiscoveryMetrics metrics) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    Duration interval = options.refreshInterval();
    this.intervalNanos = interval.toNanos();
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(interval)
            .followRedirects(HttpClient.Redirect.NORMAL);
    SSLContext tls = options.sslContext();
    if (tls != null) {
      b.sslContext(tls);
    }
    this.client = b.build();
    this.request = request(options);
  }

  private static HttpRequest request(HttpDiscoveryOptions options) {
    URI uri = URI.create(options.url());
    BigDecimal seconds =
        BigDecimal.valueOf(options.refreshInterval().toNanos(), 9).stripTrailingZeros();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(options.refreshInterval())
            .header("User-Agent", options.userAgent())
            .header("Accept", "application/json")
            .header("X-Prometheus-Refresh-Interval-Seconds", seconds.toPlainString());
    if ("http".equals(uri.getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade on plain HTTP, as Go's client
    }
    String auth = options.authorization();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b.build();
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    Objects.requireNonNull(updates, "updates");
    thread.start(() -> run(updates));
  }

  @Override
  public void close() {
    thread.close();
    client.close();
  }

  private void run(Consumer<List<TargetGroup>> updates) {
    try {
      refresh(updates);
      long next = clock.nanoTime() + intervalNanos;
      while (!thread.closed()) {
        long wait =
            Math.min(Math.max(0, next - clock.nanoTime()), FileDiscoverer.CLOCK_CHECK_NANOS);
        TimeUnit.NANOSECONDS.sleep(wait);
        long now = clock.nanoTime();
        if (now - next >= 0 && !thread.closed()) {
          refresh(updates);
          next = FileDiscoverer.nextTick(next, now, intervalNanos);
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void refresh(Consumer<List<TargetGroup>> updates) throws InterruptedException {
    List<TargetGroup> groups;
    try {
      groups = fetch();
    } catch (IOException | HttpDiscoveryException | TargetGroupFormatException e) {
      if (thread.closed()) {
        throw new InterruptedException("closed");
      }
      metrics.httpFailures.inc();
      LOG.atError()
          .addKeyValue("url", options.url())
          .addKeyValue("err", e instanceof IOException ? e.toString() : e.getMessage())
          .log("Unable to refresh target groups");
      tracker.publishUnchanged(updates);
      return;
    }
    tracker.publish(groups, updates);
  }

  private List<TargetGroup> fetch()
      throws IOException, InterruptedException, HttpDiscoveryException, TargetGroupFormatException {
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status != 200) {
        String text = HttpStatusText.of(status);
        throw new HttpDiscoveryException(
            "server returned HTTP status " + status + (text.isEmpty() ? "" : " " + text));
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!CONTENT_TYPE.matcher(type.strip()).matches()) {
        throw new HttpDiscoveryException("unsupported content type " + GoQuote.quote(type));
      }
      long max = options.maxBodyBytes();
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new HttpDiscoveryException("response body is larger than " + max + " bytes");
      }
      String url = options.url();
      return GroupListReader.read(bytes, GroupListReader.Format.JSON, url, URL_LABEL, url);
    }
  }
}
