package io.moraine.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.x request head, read from a connection's stream: the request line and the headers the
 * agent looks at ({@code Accept}, {@code Accept-Encoding}, {@code Connection}, {@code
 * Content-Length}, {@code Transfer-Encoding}). Header names are case-insensitive; a repeated header
 * keeps its first value, except {@code Accept} and {@code Accept-Encoding}, which are joined with
 * commas as RFC 9110 allows.
 *
 * @param method e.g. {@code GET}
 * @param path the target's path, without the query
 * @param http11 whether the version is HTTP/1.1 (else 1.0)
 */
record HttpRequest(
    String method,
    String path,
    boolean http11,
    String accept,
    String acceptEncoding,
    String connection,
    long contentLength,
    boolean chunked) {

  /** A request head that cannot be parsed; {@code status} is the answer to give (400, 431, 505). */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final int MAX_HEAD_BYTES = 16 * 1024;

  /**
   * Reads one request head.
   *
   * @return null when the peer closed the connection before sending anything
   * @throws BadRequest when the head is malformed or too large
   */
  static @Nullable HttpRequest read(InputStream in) throws IOException, BadRequest {
    byte[] buf = new byte[1024];
    int[] total = {0};
    String line = line(in, buf, total, true);
    if (line == null) {
      return null;
    }
    while (line.isEmpty()) { // RFC 9112: ignore empty lines before the request line
      line = line(in, buf, total, true);
      if (line == null) {
        return null;
      }
    }
    int sp1 = line.indexOf(' ');
    int sp2 = line.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 <= sp1) {
      throw new BadRequest(400, "malformed request line");
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    boolean http11;
    if (version.equals("HTTP/1.1")) {
      http11 = true;
    } else if (version.equals("HTTP/1.0")) {
      http11 = false;
    } else if (version.startsWith("HTTP/")) {
      throw new BadRequest(505, "unsupported HTTP version " + version);
    } else {
      throw new BadRequest(400, "malformed request line");
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    if (path.startsWith("http://") || path.startsWith("https://")) { // absolute form
      int slash = path.indexOf('/', path.indexOf("//") + 2);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    String accept = "";
    String acceptEncoding = "";
    String connection = "";
    long contentLength = 0;
    boolean chunked = false;
    while (true) {
      String h = line(in, buf, total, false);
      if (h == null) {
        throw new BadRequest(400, "connection closed inside the request head");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "malformed header line");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "accept" -> accept = accept.isEmpty() ? value : accept + "," + value;
        case "accept-encoding" ->
            acceptEncoding = acceptEncoding.isEmpty() ? value : acceptEncoding + "," + value;
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "content-length" -> {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new BadRequest(400, "bad Content-Length");
          }
          if (contentLength < 0) {
            throw new BadRequest(400, "bad Content-Length");
          }
        }
        case "transfer-encoding" -> chunked = true;
        default -> {}
      }
    }
    return new HttpRequest(
        method, path, http11, accept, acceptEncoding, connection, contentLength, chunked);
  }

  /** Whether the connection stays open after the response. */
  boolean keepAlive() {
    if (http11) {
      return !connection.contains("close");
    }
    return connection.contains("keep-alive");
  }

  /**
   * One line without its CRLF (a bare LF ends a line too); null at end of stream before any byte.
   */
  private static @Nullable String line(InputStream in, byte[] buf, int[] total, boolean first)
      throws IOException, BadRequest {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0 && first) {
          return null;
        }
        throw new BadRequest(400, "connection closed inside the request head");
      }
      if (++total[0] > MAX_HEAD_BYTES) {
        throw new BadRequest(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      if (b == '\n') {
        int end = n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
        return new String(buf, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      buf[n++] = (byte) b;
    }
  }
}
