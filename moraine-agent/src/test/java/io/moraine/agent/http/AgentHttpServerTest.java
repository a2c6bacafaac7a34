package io.moraine.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.collector.MetricType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's HTTP/1.1 server, spoken to over raw sockets. */
class AgentHttpServerTest {
  private final AtomicInteger pages = new AtomicInteger();
  private AgentHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        AgentHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            out -> {
              pages.incrementAndGet();
              out.family("demo_requests_total", MetricType.COUNTER, "Requests.");
              out.sample("code", "a\"b\\c\nd", 3);
              out.family("demo_empty", MetricType.GAUGE, "Never written.");
              out.family("demo_temp", MetricType.UNTYPED, "Temperature \"C\".");
              out.sample(21.5);
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String exchange(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return readResponse(s.getInputStream());
  }

  /** Reads one response: head, then Content-Length bytes (none for HEAD). */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int len = 0;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (h.contains("X-Head-Only")) {
      len = 0;
    }
    return h + new String(in.readNBytes(len), StandardCharsets.UTF_8);
  }

  @Test
  void textFormatKeepsTheConnectionAliveAcrossRequests() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      String first = exchange(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(first)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n")
          .doesNotContain("Connection: close")
          .endsWith(
              "# HELP demo_requests_total Requests.\n"
                  + "# TYPE demo_requests_total counter\n"
                  + "demo_requests_total{code=\"a\\\"b\\\\c\\nd\"} 3\n"
                  + "# HELP demo_temp Temperature \"C\".\n"
                  + "# TYPE demo_temp untyped\n"
                  + "demo_temp 21.5\n");
      String second =
          exchange(s, "GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(second).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(pages).hasValue(2);
  }

  @Test
  void openMetricsWhenAskedFor() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      String r =
          exchange(
              s,
              "GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text;version=1.0.0,"
                  + "text/plain;version=0.0.4;q=0.5\r\n\r\n");
      assertThat(r)
          .contains("Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n")
          .contains(
              "# HELP demo_requests Requests.\n# TYPE demo_requests counter\ndemo_requests_total{")
          .contains("# HELP demo_temp Temperature \\\"C\\\".\n# TYPE demo_temp unknown\n")
          .endsWith("# EOF\n");
    }
  }

  @Test
  void headHasNoBodyAndOtherMethodsAre405() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          "HEAD /-/healthy HTTP/1.1\r\n\r\nPOST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /nope HTTP/1.0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(all)
          .startsWith(
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 9\r\n\r\nHTTP/1.1 405")
          .contains("Allow: GET, HEAD\r\n")
          .contains("HTTP/1.1 404 Not Found\r\n")
          .contains("Connection: close\r\n") // HTTP/1.0 without keep-alive
          .endsWith("404 page not found\n");
    }
  }

  @Test
  void malformedRequestsGet400AndTheServerKeepsServing() throws IOException {
    for (String bad :
        new String[] {
          "GARBAGE\r\n\r\n", "GET /metrics HTTP/1.1\r\nNoColon\r\n\r\n", "GET / HTTP/2.0\r\n\r\n"
        }) {
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        String r = exchange(s, bad);
        assertThat(r)
            .matches("(?s)HTTP/1.1 (400 Bad Request|505 HTTP Version Not Supported)\r\n.*");
      }
    }
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 431 ");
    }
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      assertThat(exchange(s, "GET /-/ready HTTP/1.1\r\n\r\n"))
          .startsWith("HTTP/1.1 200 OK")
          .endsWith("Ready.\n");
    }
  }

  @Test
  void gzipWhenAccepted() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream()
          .write(
              "GET /metrics HTTP/1.1\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      assertThat(text).contains("Content-Encoding: gzip\r\n");
      int body = text.indexOf("\r\n\r\n") + 4;
      try (InputStream z =
          new java.util.zip.GZIPInputStream(
              new java.io.ByteArrayInputStream(all, body, all.length - body))) {
        assertThat(new String(z.readAllBytes(), StandardCharsets.UTF_8))
            .contains("demo_temp 21.5\n");
      }
    }
  }
}
