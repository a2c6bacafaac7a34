package io.moraine.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.moraine.agent.collector.MetricWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP server on the JDK's {@code com.sun.net.httpserver} (no web framework: the agent
 * stays small on edge nodes). Serves {@code GET /metrics} (text 0.0.4, or OpenMetrics 1.0.0 when
 * the {@code Accept} header asks for {@code application/openmetrics-text}; gzip when accepted),
 * {@code /-/healthy}, {@code /-/ready} and a landing page at {@code /}. Two handler threads.
 * Closing stops it.
 */
public final class AgentHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);

  /** What {@code /metrics} shows: writes one page. Called from one handler thread at a time. */
  @FunctionalInterface
  public interface Page {
    void write(MetricWriter out) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Page page;

  private AgentHttpServer(HttpServer server, ExecutorService executor, Page page) {
    this.server = server;
    this.executor = executor;
    this.page = page;
  }

  /**
   * Binds and starts.
   *
   * @param address where to listen (port 0 picks a free one; see {@link #port})
   * @throws IOException when the address cannot be bound (port in use)
   */
  public static AgentHttpServer start(InetSocketAddress address, Page page) throws IOException {
    Objects.requireNonNull(page, "page");
    HttpServer server = HttpServer.create(address, 16);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("agent-http-", 0).daemon().factory());
    AgentHttpServer s = new AgentHttpServer(server, executor, page);
    server.setExecutor(executor);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n", false);
        return;
      }
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/metrics" -> metrics(ex);
        case "/-/healthy" -> send(ex, 200, "text/plain; charset=utf-8", "Healthy.\n", false);
        case "/-/ready" -> send(ex, 200, "text/plain; charset=utf-8", "Ready.\n", false);
        case "/" ->
            send(
                ex,
                200,
                "text/html; charset=utf-8",
                "<html><head><title>Moraine agent</title></head><body><h1>Moraine agent</h1>"
                    + "<p><a href=\"/metrics\">Metrics</a></p></body></html>\n",
                false);
        default -> send(ex, 404, "text/plain; charset=utf-8", "404 page not found\n", false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.atDebug().addKeyValue("err", e.toString()).log("HTTP request failed");
      throw e;
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    String accept = ex.getRequestHeaders().getFirst("Accept");
    boolean om =
        accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
    ExpositionWriter w = new ExpositionWriter(om);
    try {
      page.write(w);
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("err", e.toString()).log("writing /metrics failed");
      send(
          ex,
          500,
          "text/plain; charset=utf-8",
          "error gathering metrics: " + e.getMessage() + "\n",
          false);
      return;
    }
    String enc = ex.getRequestHeaders().getFirst("Accept-Encoding");
    boolean gzip = enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip");
    sendBytes(ex, 200, w.contentType(), w.toBytes(), gzip);
  }

  private static void send(HttpExchange ex, int status, String type, String body, boolean gzip)
      throws IOException {
    sendBytes(ex, status, type, body.getBytes(StandardCharsets.UTF_8), gzip);
  }

  private static void sendBytes(HttpExchange ex, int status, String type, byte[] body, boolean gzip)
      throws IOException {
    byte[] payload = body;
    if (gzip) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
        z.write(body);
      }
      payload = zipped.toByteArray();
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : payload.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(payload);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
