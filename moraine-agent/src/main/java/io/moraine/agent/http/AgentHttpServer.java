package io.moraine.agent.http;

import io.moraine.agent.collector.MetricWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP/1.1 server on blocking sockets: one acceptor thread and one thread per open
 * connection (at most {@value #MAX_CONNECTIONS}; more are answered 503 and closed). Serves {@code
 * GET /metrics} (text 0.0.4, or OpenMetrics 1.0.0 when {@code Accept} asks for {@code
 * application/openmetrics-text}; gzip when accepted), {@code /-/healthy}, {@code /-/ready} and a
 * landing page at {@code /}; {@code HEAD} too. Connections are kept alive as HTTP/1.1 says and
 * closed after {@value #IDLE_MILLIS} ms without a request.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: its dispatcher wakes every second and its
 * timer threads tick, which cost the agent more CPU between scrapes than a scrape itself (measured
 * in docs/benchmarks.md, "Agent"); blocking sockets cost nothing while idle.
 */
public final class AgentHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);
  static final int MAX_CONNECTIONS = 8;
  static final int IDLE_MILLIS = 120_000;
  static final int HEAD_MILLIS = 10_000;
  private static final String LANDING =
      "<html><head><title>Moraine agent</title></head><body><h1>Moraine agent</h1>"
          + "<p><a href=\"/metrics\">Metrics</a></p></body></html>\n";

  /** What {@code /metrics} shows: writes one page. May be called from several threads at once. */
  @FunctionalInterface
  public interface Page {
    void write(MetricWriter out) throws IOException;
  }

  private final ServerSocket socket;
  private final Page page;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private AgentHttpServer(ServerSocket socket, Page page) {
    this.socket = socket;
    this.page = page;
    this.acceptor =
        Thread.ofPlatform()
            .name("agent-http-accept")
            .daemon()
            .stackSize(256 * 1024)
            .unstarted(this::accept);
  }

  /**
   * Binds and starts.
   *
   * @param address where to listen (port 0 picks a free one; see {@link #port})
   * @throws IOException when the address cannot be bound (port in use)
   */
  public static AgentHttpServer start(InetSocketAddress address, Page page) throws IOException {
    Objects.requireNonNull(page, "page");
    ServerSocket ss = new ServerSocket();
    try {
      ss.setReuseAddress(true);
      ss.bind(address, 16);
    } catch (IOException e) {
      ss.close();
      throw e;
    }
    AgentHttpServer s = new AgentHttpServer(ss, page);
    s.acceptor.start();
    return s;
  }

  /** The bound port. */
  public int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket c;
      try {
        c = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.atWarn().addKeyValue("err", e.toString()).log("accept failed");
        }
        continue;
      }
      if (open.size() >= MAX_CONNECTIONS) {
        refuse(c);
        continue;
      }
      open.add(c);
      Thread.ofPlatform()
          .name("agent-http-conn")
          .daemon()
          .stackSize(256 * 1024)
          .start(() -> serve(c));
    }
  }

  private static void refuse(Socket c) {
    try (c) {
      send(c.getOutputStream(), 503, "too many connections", false, false, "");
    } catch (IOException e) {
      // the peer is gone; nothing to answer
    }
  }

  private void serve(Socket c) {
    try (c) {
      c.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(c.getInputStream(), 4096);
      OutputStream out = c.getOutputStream();
      while (!closed) {
        c.setSoTimeout(IDLE_MILLIS);
        in.mark(1);
        if (in.read() < 0) {
          return;
        }
        in.reset();
        c.setSoTimeout(HEAD_MILLIS);
        HttpRequest req;
        try {
          req = HttpRequest.read(in);
        } catch (HttpRequest.BadRequest e) {
          send(out, e.status, e.getMessage() + "\n", false, false, "");
          return;
        }
        if (req == null) {
          return;
        }
        if (!discardBody(req, in, out)) {
          return;
        }
        respond(req, out);
        if (!req.keepAlive()) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // idle keep-alive connection timed out, or the peer went away
    } catch (IOException | RuntimeException e) {
      LOG.atDebug().addKeyValue("err", e.toString()).log("HTTP connection failed");
    } finally {
      open.remove(c);
    }
  }

  /** Skips a request body (the agent reads none); false when it cannot (chunked, too large). */
  private static boolean discardBody(HttpRequest req, InputStream in, OutputStream out)
      throws IOException {
    if (req.chunked() || req.contentLength() > 1 << 20) {
      send(out, 413, "request bodies are not accepted\n", false, false, "");
      return false;
    }
    in.skipNBytes(req.contentLength());
    return true;
  }

  private void respond(HttpRequest req, OutputStream out) throws IOException {
    boolean keep = req.keepAlive();
    String method = req.method();
    boolean head = method.equals("HEAD");
    if (!method.equals("GET") && !head) {
      send(out, 405, "method not allowed\n", keep, false, "Allow: GET, HEAD\r\n");
      return;
    }
    switch (req.path()) {
      case "/metrics" -> metrics(req, out, keep, head);
      case "/-/healthy" -> send(out, 200, "Healthy.\n", keep, head, "");
      case "/-/ready" -> send(out, 200, "Ready.\n", keep, head, "");
      case "/" -> {
        byte[] page = LANDING.getBytes(StandardCharsets.UTF_8);
        out.write(head(200, "text/html; charset=utf-8", page.length, keep, false, ""));
        if (!head) {
          out.write(page);
        }
        out.flush();
      }
      default -> send(out, 404, "404 page not found\n", keep, head, "");
    }
  }

  private void metrics(HttpRequest req, OutputStream out, boolean keep, boolean headOnly)
      throws IOException {
    boolean om = req.accept().toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
    ExpositionWriter w = new ExpositionWriter(om);
    try {
      page.write(w);
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("err", e.toString()).log("writing /metrics failed");
      send(out, 500, "error gathering metrics: " + e.getMessage() + "\n", keep, headOnly, "");
      return;
    }
    byte[] body = w.toBytes();
    boolean gzip = req.acceptEncoding().toLowerCase(Locale.ROOT).contains("gzip");
    if (gzip) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
        z.write(body);
      }
      body = zipped.toByteArray();
    }
    out.write(head(200, w.contentType(), body.length, keep, gzip, ""));
    if (!headOnly) {
      out.write(body);
    }
    out.flush();
  }

  /** A plain-text response. */
  private static void send(
      OutputStream out,
      int status,
      String text,
      boolean keep,
      boolean headOnly,
      String extraHeaders)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    out.write(head(status, "text/plain; charset=utf-8", body.length, keep, false, extraHeaders));
    if (!headOnly) {
      out.write(body);
    }
    out.flush();
  }

  /** The status line and headers; {@code extraHeaders} are whole lines ending in CRLF. */
  private static byte[] head(
      int status, String type, long length, boolean keep, boolean gzip, String extraHeaders) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    sb.append("Content-Type: ").append(type).append("\r\n");
    sb.append("Content-Length: ").append(length).append("\r\n");
    if (gzip) {
      sb.append("Content-Encoding: gzip\r\n");
    }
    if (!keep) {
      sb.append("Connection: close\r\n");
    }
    sb.append(extraHeaders).append("\r\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("err", e.toString()).log("closing the listener failed");
    }
    for (Socket c : open) {
      try {
        c.close();
      } catch (IOException e) {
        // already gone
      }
    }
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
