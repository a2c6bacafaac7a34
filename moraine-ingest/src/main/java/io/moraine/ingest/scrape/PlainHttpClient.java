package io.moraine.ingest.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scrape client for {@code http://} targets: HTTP/1.1 over a blocking socket on the scraping
 * thread, with idle connections kept per {@code host:port} for the next scrape (closed after five
 * minutes unused, as Prometheus' client does). It does what a scrape needs and no more: one GET, no
 * request body, no proxy, no HTTP/2; a redirect is left to the caller. Against the JDK's {@code
 * HttpClient} it saves the hand-offs to its selector thread and the per-request objects: about 1.5
 * ms of CPU per scrape of a 2,000-series target. Thread-safe; each exchange belongs to the thread
 * that opened it.
 */
final class PlainHttpClient implements AutoCloseable {
  /** An idle connection older than this is closed instead of reused. */
  static final long IDLE_TIMEOUT_NANOS = 5L * 60 * 1_000_000_000;

  /** The most idle connections kept per {@code host:port}. */
  private static final int MAX_IDLE_PER_KEY = 4;

  private final Map<String, ArrayDeque<HttpConnection>> idle = new HashMap<>(); // guarded by this
  private long nextSweepNanos = System.nanoTime() + IDLE_TIMEOUT_NANOS; // guarded by this
  private boolean closed; // guarded by this

  /** A response whose head has been read; its body is {@link #body}. */
  final class Exchange implements AutoCloseable {
    private final HttpConnection conn;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final boolean keepAlive;
    private boolean finished;

    private Exchange(
        HttpConnection conn,
        int status,
        Map<String, String> headers,
        InputStream body,
        boolean keepAlive) {
      this.conn = conn;
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.keepAlive = keepAlive;
    }

    int status() {
      return status;
    }

    /** A response header by its lower-case name (the last one when repeated), or null. */
    @Nullable String header(String lowerCaseName) {
      return headers.get(lowerCaseName);
    }

    /** The body as sent (still gzip-encoded when it was). */
    InputStream body() {
      return body;
    }

    /**
     * Marks the body as read: once it has been read to its end, the connection goes back to the
     * pool for the next exchange with the same {@code host:port}.
     */
    void finish() throws IOException {
      byte[] rest = new byte[512];
      int budget = 64 * 1024;
      int n;
      while (budget > 0 && (n = body.read(rest, 0, rest.length)) >= 0) {
        budget -= n;
      }
      finished = budget > 0;
    }

    /** Pools the connection after {@link #finish}, closes it otherwise. */
    @Override
    public void close() {
      if (finished && keepAlive && conn.drained()) {
        release(conn);
      } else {
        conn.close();
      }
    }
  }

  /**
   * Sends {@code GET url} with {@code requestHeaders} and reads the response head, reusing an idle
   * connection when there is one (and retrying once on a fresh one when a reused connection turns
   * out to be closed by the server).
   *
   * @param deadlineNanos {@link System#nanoTime} after which connecting and every read fail with
   *     {@link SocketTimeoutException}
   * @param requestHeaders header lines ({@code Name: value}, without CRLF), {@code Host} excluded
   * @throws IOException when connecting, writing or reading the head fails
   */
  Exchange get(URI url, long deadlineNanos, List<String> requestHeaders) throws IOException {
    String host = url.getHost();
    if (host == null) {
      throw new IOException("no host in URL");
    }
    int port = url.getPort() < 0 ? 80 : url.getPort();
    String key = host.toLowerCase(Locale.ROOT) + ":" + port;
    String head = requestHead(url, requestHeaders);
    HttpConnection pooled = take(key);
    if (pooled != null) {
      try {
        return exchange(pooled, deadlineNanos, head);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // the server closed the idle connection; ask again on a fresh one
      }
    }
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    HttpConnection fresh =
        HttpConnection.open(key, host, port, (int) Math.min(Integer.MAX_VALUE, left / 1_000_000));
    return exchange(fresh, deadlineNanos, head);
  }

  private Exchange exchange(HttpConnection c, long deadlineNanos, String head) throws IOException {
    try {
      c.deadline(deadlineNanos);
      c.write(head);
      return readResponse(c);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static String requestHead(URI url, List<String> headers) throws IOException {
    String path = url.getRawPath();
    StringBuilder sb = new StringBuilder(512).append("GET ");
    sb.append(path == null || path.isEmpty() ? "/" : path);
    if (url.getRawQuery() != null) {
      sb.append('?').append(url.getRawQuery());
    }
    String authority = url.getRawAuthority();
    int at = authority == null ? -1 : authority.lastIndexOf('@');
    sb.append(" HTTP/1.1\r\nHost: ").append(at < 0 ? authority : authority.substring(at + 1));
    sb.append("\r\n");
    for (String h : headers) {
      for (int i = 0; i < h.length(); i++) {
        char ch = h.charAt(i);
        if (ch == '\r' || ch == '\n' || ch > 0xff) {
          throw new IOException("invalid header field value for \"" + name(h) + "\"");
        }
      }
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  private static String name(String headerLine) {
    int colon = headerLine.indexOf(':');
    return colon < 0 ? headerLine : headerLine.substring(0, colon);
  }

  private Exchange readResponse(HttpConnection c) throws IOException {
    while (true) {
      int budget = HttpConnection.MAX_HEAD_BYTES;
      String statusLine = c.readLine(budget);
      budget -= statusLine.length() + 2;
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("malformed HTTP response " + HttpConnection.quoted(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new IOException("malformed HTTP status code " + HttpConnection.quoted(statusLine));
      }
      Map<String, String> headers = new HashMap<>();
      while (true) {
        String line = c.readLine(budget);
        budget -= line.length() + 2;
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed MIME header line: " + line);
        }
        headers.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      if (status >= 100 && status < 200 && status != 101) {
        continue; // an interim response; the real one follows
      }
      return framed(c, statusLine, status, headers);
    }
  }

  private Exchange framed(
      HttpConnection c, String statusLine, int status, Map<String, String> headers)
      throws IOException {
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean http10 = statusLine.startsWith("HTTP/1.0");
    boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    String te = headers.get("transfer-encoding");
    String cl = headers.get("content-length");
    InputStream body;
    if (status == 204 || status == 304) {
      body = c.fixed(0);
    } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = c.chunked();
    } else if (cl != null) {
      long n;
      try {
        n = Long.parseLong(cl.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new IOException("bad Content-Length " + HttpConnection.quoted(cl));
      }
      body = c.fixed(n);
    } else {
      body = c.untilClose();
      keepAlive = false;
    }
    return new Exchange(c, status, headers, body, keepAlive);
  }

  private @Nullable HttpConnection take(String key) {
    List<HttpConnection> stale = new ArrayList<>();
    HttpConnection found = null;
    long now = System.nanoTime();
    synchronized (this) {
      ArrayDeque<HttpConnection> q = idle.get(key);
      while (q != null && !q.isEmpty()) {
        HttpConnection c = q.pollLast();
        if (now - c.idleSinceNanos() < IDLE_TIMEOUT_NANOS) {
          found = c;
          break;
        }
        stale.add(c);
      }
      if (q != null && q.isEmpty()) {
        idle.remove(key);
      }
    }
    stale.forEach(HttpConnection::close);
    return found;
  }

  private void release(HttpConnection c) {
    long now = System.nanoTime();
    c.idleSince(now);
    List<HttpConnection> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        toClose.add(c);
      } else {
        ArrayDeque<HttpConnection> q = idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>());
        q.addLast(c);
        if (q.size() > MAX_IDLE_PER_KEY) {
          toClose.add(q.pollFirst());
        }
        if (now - nextSweepNanos > 0) {
          nextSweepNanos = now + IDLE_TIMEOUT_NANOS / 5;
          sweep(now, toClose);
        }
      }
    }
    toClose.forEach(HttpConnection::close);
  }

  /** Moves connections idle for too long into {@code out}; the caller holds the lock. */
  private void sweep(long now, List<HttpConnection> out) {
    for (Iterator<ArrayDeque<HttpConnection>> it = idle.values().iterator(); it.hasNext(); ) {
      ArrayDeque<HttpConnection> q = it.next();
      while (!q.isEmpty() && now - q.peekFirst().idleSinceNanos() >= IDLE_TIMEOUT_NANOS) {
        out.add(q.pollFirst());
      }
      if (q.isEmpty()) {
        it.remove();
      }
    }
  }

  /** Idle connections kept now; for tests. */
  synchronized int idleConnections() {
    return idle.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  /** Closes the idle connections; connections in use close when their exchange ends. */
  @Override
  public void close() {
    List<HttpConnection> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(HttpConnection::close);
  }
}
