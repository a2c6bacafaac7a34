package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP scrape path against a raw socket server that answers exactly the bytes a test
 * gives it: framing (length, chunked, until close), gzip, keep-alive and its failures, redirects
 * and malformed responses.
 */
class PlainHttpClientTest {
  private static final String BODY = "# TYPE up gauge\nup 1\n";
  private static final HttpClient JDK =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private final HttpScraper scraper = new HttpScraper(JDK, "Moraine/test");
  private @Nullable RawServer server;

  @AfterEach
  void stop() throws IOException {
    scraper.close();
    if (server != null) {
      server.close();
    }
  }

  /** Answers each request with {@code answer(connectionIndex, requestIndexOnIt)}; null closes. */
  private static final class RawServer implements AutoCloseable {
    final ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    final boolean closeAfterAnswer;

    RawServer(BiFunction<Integer, Integer, byte[]> answer) throws IOException {
      this(answer, false);
    }

    /** With {@code closeAfterAnswer}, each connection closes after its first answer. */
    RawServer(BiFunction<Integer, Integer, byte[]> answer, boolean closeAfterAnswer)
        throws IOException {
      this.closeAfterAnswer = closeAfterAnswer;
      Thread.ofVirtual()
          .start(
              () -> {
                while (!ss.isClosed()) {
                  try {
                    Socket s = ss.accept();
                    int c = connections.getAndIncrement();
                    Thread.ofVirtual().start(() -> serve(s, c, answer));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
    }

    private void serve(Socket s, int conn, BiFunction<Integer, Integer, byte[]> answer) {
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        for (int i = 0; ; i++) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          requests.add(head);
          byte[] a = answer.apply(conn, i);
          if (a == null) {
            return;
          }
          out.write(a);
          out.flush();
          if (closeAfterAnswer) {
            return;
          }
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    private static @Nullable String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        b.write(c);
        String s = b.toString(StandardCharsets.ISO_8859_1);
        if (s.endsWith("\r\n\r\n")) {
          return s;
        }
      }
      return null;
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + ss.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
      ss.close();
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(z)) {
      g.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return z.toByteArray();
  }

  private static String text(ScrapeResponse r) {
    return new String(r.body(), 0, r.length(), StandardCharsets.UTF_8);
  }

  private RawServer server() {
    if (server == null) {
      throw new IllegalStateException("no server");
    }
    return server;
  }

  private ScrapeResponse scrape(String path) throws Exception {
    return scraper.scrape(server().url(path), Duration.ofSeconds(5), Map.of(), 0);
  }

  @Test
  void keepsTheConnectionForTheNextScrapeAndSendsPrometheusHeaders() throws Exception {
    server =
        new RawServer(
            (c, i) ->
                ascii(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: "
                        + BODY.length()
                        + "\r\n\r\n"
                        + BODY));
    for (int i = 0; i < 3; i++) {
      ScrapeResponse r =
          scraper.scrape(
              server().url("/metrics?a=b%20c"),
              Duration.ofMillis(2500),
              Map.of("Authorization", "Bearer t"),
              0);
      assertThat(text(r)).isEqualTo(BODY);
      assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4");
    }
    assertThat(server().connections.get()).isEqualTo(1);
    String req = server().requests.get(0);
    assertThat(req)
        .startsWith("GET /metrics?a=b%20c HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + server().ss.getLocalPort() + "\r\n")
        .contains("Accept: " + HttpScraper.ACCEPT_HEADER + "\r\n")
        .contains("Accept-Encoding: gzip\r\n")
        .contains("X-Prometheus-Scrape-Timeout-Seconds: 2.5\r\n")
        .contains("Authorization: Bearer t\r\n")
        .contains("User-Agent: Moraine/test\r\n");
  }

  @Test
  void readsChunkedGzipBodiesWithTrailers() throws Exception {
    byte[] z = gzip(BODY.repeat(500));
    int half = z.length / 2;
    server =
        new RawServer(
            (c, i) -> {
              ByteArrayOutputStream b = new ByteArrayOutputStream();
              b.writeBytes(
                  ascii(
                      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                          + "Transfer-Encoding: chunked\r\n\r\n"));
              b.writeBytes(ascii(Integer.toHexString(half) + ";ext=1\r\n"));
              b.write(z, 0, half);
              b.writeBytes(ascii("\r\n" + Integer.toHexString(z.length - half) + "\r\n"));
              b.write(z, half, z.length - half);
              b.writeBytes(ascii("\r\n0\r\nX-Trailer: t\r\n\r\n"));
              return b.toByteArray();
            });
    assertThat(text(scrape("/m"))).isEqualTo(BODY.repeat(500));
    assertThat(text(scrape("/m"))).isEqualTo(BODY.repeat(500));
    assertThat(server().connections.get()).isEqualTo(1);
    assertThatThrownBy(
            () -> scraper.scrape(server().url("/m"), Duration.ofSeconds(5), Map.of(), 1000))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("body size limit exceeded");
  }

  @Test
  void aBodyEndingWithTheConnectionIsReadAndTheConnectionNotKept() throws Exception {
    server = new RawServer((c, i) -> ascii("HTTP/1.0 200 OK\r\n\r\n" + BODY), true);
    assertThat(text(scrape("/m"))).isEqualTo(BODY);
    assertThat(text(scrape("/m"))).isEqualTo(BODY);
    assertThat(server().connections.get()).isEqualTo(2);
  }

  @Test
  void aKeptConnectionTheServerClosedIsReplacedWithoutAFailedScrape() throws Exception {
    // every connection answers one request, then closes without saying so
    server =
        new RawServer(
            (c, i) ->
                i == 0
                    ? ascii(
                        "HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                    : null);
    for (int i = 0; i < 3; i++) {
      assertThat(text(scrape("/m"))).isEqualTo(BODY);
    }
    assertThat(server().connections.get()).isEqualTo(3);
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    server =
        new RawServer(
            (c, i) ->
                ascii(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                        + BODY.length()
                        + "\r\n\r\n"
                        + BODY));
    scrape("/m");
    scrape("/m");
    assertThat(server().connections.get()).isEqualTo(2);
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    server =
        new RawServer(
            (c, i) ->
                ascii(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: "
                        + BODY.length()
                        + "\r\n\r\n"
                        + BODY));
    assertThat(text(scrape("/m"))).isEqualTo(BODY);
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    server =
        new RawServer(
            (c, i) -> {
              return ascii(
                  "HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY);
            });
    try (RawServer redirecting =
        new RawServer(
            (c, i) ->
                ascii(
                    "HTTP/1.1 302 Found\r\nLocation: "
                        + server().url("/target")
                        + "\r\nContent-Length: 0\r\n\r\n"))) {
      ScrapeResponse r = scraper.scrape(redirecting.url("/m"), Duration.ofSeconds(5), Map.of(), 0);
      assertThat(text(r)).isEqualTo(BODY);
    }
    assertThat(server().requests).anyMatch(r -> r.startsWith("GET /target "));
  }

  @Test
  void badResponsesFailTheScrapeNamingWhatWasWrong() throws Exception {
    server =
        new RawServer(
            (c, i) ->
                switch (c) {
                  case 0 -> ascii("SSH-2.0-OpenSSH\r\n\r\n");
                  case 1 -> ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno\n");
                  case 2 -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
                  default ->
                      concat(
                          ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                          ascii("x"));
                },
            true);
    assertThatThrownBy(() -> scrape("/m"))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("malformed HTTP response \"SSH-2.0-OpenSSH\"");
    assertThatThrownBy(() -> scrape("/m"))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("server returned HTTP status 404 Not Found");
    assertThatThrownBy(() -> scrape("/m"))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("95 bytes before the body ended");
    assertThatThrownBy(() -> scrape("/m"))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("malformed chunk size \"zz\"");
  }

  @Test
  void aSilentServerFailsTheScrapeAtItsTimeout() throws Exception {
    server =
        new RawServer(
            (c, i) -> {
              try {
                Thread.sleep(3_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () -> scraper.scrape(server().url("/m"), Duration.ofMillis(300), Map.of(), 0))
        .isInstanceOf(ScrapeException.class)
        .hasMessage("context deadline exceeded");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.5);
  }

  @Test
  void aRefusedConnectionReadsAsGoWritesIt() {
    assertThatThrownBy(
            () ->
                scraper.scrape(
                    URI.create("http://127.0.0.1:1/metrics"), Duration.ofSeconds(2), Map.of(), 0))
        .isInstanceOf(ScrapeException.class)
        .hasMessage(
            "Get \"http://127.0.0.1:1/metrics\": dial tcp 127.0.0.1:1: connect: connection refused");
  }

  @Test
  void headerValuesWithLineBreaksAreRefused() throws Exception {
    server = new RawServer((c, i) -> ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assertThatThrownBy(
            () ->
                scraper.scrape(
                    server().url("/m"),
                    Duration.ofSeconds(2),
                    Map.of("Authorization", "Bearer a\r\nX-Evil: 1"),
                    0))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("invalid header field value for \"Authorization\"");
    assertThat(server().requests).isEmpty();
  }
}
