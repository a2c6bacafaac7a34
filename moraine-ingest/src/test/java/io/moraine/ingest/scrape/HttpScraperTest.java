package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side of a scrape against a local server: headers sent, bodies, errors. */
class HttpScraperTest {
  private static final String BODY = "# TYPE up gauge\nup 1\n";
  private static HttpServer server;
  private static final Map<String, List<String>> seen = new ConcurrentHashMap<>();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final HttpScraper scraper = new HttpScraper(CLIENT, "Moraine/test");

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/plain",
        x -> {
          x.getRequestHeaders().forEach(seen::put);
          x.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          byte[] b = BODY.getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(b);
          }
        });
    server.createContext(
        "/gzip",
        x -> {
          ByteArrayOutputStream z = new ByteArrayOutputStream();
          try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(BODY.repeat(1000).getBytes(StandardCharsets.UTF_8));
          }
          x.getResponseHeaders().add("Content-Encoding", "gzip");
          x.sendResponseHeaders(200, z.size());
          try (OutputStream o = x.getResponseBody()) {
            z.writeTo(o);
          }
        });
    server.createContext(
        "/fail",
        x -> {
          x.sendResponseHeaders(503, -1);
          x.close();
        });
    server.createContext(
        "/slow",
        x -> {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void asksAsPrometheusAsksAndReturnsTheBody() throws Exception {
    ScrapeResponse r =
        scraper.scrape(
            url("/plain"), Duration.ofMillis(2_500), Map.of("Authorization", "Bearer t"), 0);
    assertThat(new String(r.body(), 0, r.length(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4");
    assertThat(seen.get("Accept")).containsExactly(HttpScraper.ACCEPT_HEADER);
    assertThat(seen.get("Accept-encoding")).containsExactly("gzip");
    assertThat(seen.get("X-prometheus-scrape-timeout-seconds")).containsExactly("2.5");
    assertThat(seen.get("Authorization")).containsExactly("Bearer t");
    assertThat(seen.get("User-agent")).containsExactly("Moraine/test");
  }

  @Test
  void gzipBodiesAreInflatedAndTheLimitCountsInflatedBytes() throws Exception {
    ScrapeResponse r = scraper.scrape(url("/gzip"), Duration.ofSeconds(5), Map.of(), 0);
    assertThat(r.length()).isEqualTo(BODY.length() * 1000);
    assertThatThrownBy(() -> scraper.scrape(url("/gzip"), Duration.ofSeconds(5), Map.of(), 1000))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("body size limit exceeded");
  }

  @Test
  void aReleasedBodyBufferIsReusedAndOverwrittenByTheNextScrape() throws Exception {
    ScrapeResponse big = scraper.scrape(url("/gzip"), Duration.ofSeconds(5), Map.of(), 0);
    byte[] buffer = big.body();
    scraper.release(big);
    ScrapeResponse next = scraper.scrape(url("/plain"), Duration.ofSeconds(5), Map.of(), 0);
    assertThat(next.body()).isSameAs(buffer);
    assertThat(new String(next.body(), 0, next.length(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    ScrapeResponse unreleased = scraper.scrape(url("/plain"), Duration.ofSeconds(5), Map.of(), 0);
    assertThat(unreleased.body()).isNotSameAs(buffer);
  }

  @Test
  void failuresReadAsPrometheusWordsThem() {
    assertThatThrownBy(() -> scraper.scrape(url("/fail"), Duration.ofSeconds(5), Map.of(), 0))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("server returned HTTP status 503 Service Unavailable");
    assertThatThrownBy(() -> scraper.scrape(url("/slow"), Duration.ofMillis(300), Map.of(), 0))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("context deadline exceeded");
    assertThatThrownBy(
            () ->
                scraper.scrape(
                    URI.create("http://127.0.0.1:1/metrics"), Duration.ofSeconds(2), Map.of(), 0))
        .isInstanceOf(ScrapeException.class)
        .hasMessageStartingWith("Get \"http://127.0.0.1:1/metrics\": ");
  }

  @Test
  void timeoutSecondsAreWrittenAsGoWritesThem() {
    assertThat(HttpScraper.seconds(Duration.ofSeconds(10))).isEqualTo("10");
    assertThat(HttpScraper.seconds(Duration.ofMillis(1500))).isEqualTo("1.5");
    assertThat(HttpScraper.seconds(Duration.ofMillis(10))).isEqualTo("0.01");
  }
}
