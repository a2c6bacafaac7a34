package io.moraine.ingest.scrape;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection of the plain-HTTP scrape client: writes a request, reads a response head
 * and hands out its body as a stream. Reads are buffered in the connection's own small buffer;
 * large body reads go straight from the socket into the caller's array. Every blocking read waits
 * at most until the deadline given to {@link #deadline}, then fails with {@link
 * SocketTimeoutException}. Not thread-safe: one exchange at a time, by the thread that took it from
 * the pool.
 */
final class HttpConnection implements AutoCloseable {
  /** The most bytes a response head (status line and headers) may take. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  private final String key;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int end;
  private long deadlineNanos;
  private long idleSinceNanos;

  private HttpConnection(String key, Socket socket) throws IOException {
    this.key = key;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code host:port}, waiting at most {@code timeoutMillis}.
   *
   * @throws IOException when the name does not resolve or the connect fails or times out
   */
  static HttpConnection open(String key, String host, int port, int timeoutMillis)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new java.net.UnknownHostException(host);
    }
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(address, Math.max(1, timeoutMillis));
      return new HttpConnection(key, s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The pool key: scheme-less {@code host:port}. */
  String key() {
    return key;
  }

  /** Reads after this instant fail with {@link SocketTimeoutException}. */
  void deadline(long nanos) {
    deadlineNanos = nanos;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void idleSince(long nanos) {
    idleSinceNanos = nanos;
  }

  /** Writes a request head (no body); {@code head} ends with the blank line. */
  void write(String head) throws IOException {
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** True when nothing is buffered: a response was read to its end. */
  boolean drained() {
    return pos == end;
  }

  /**
   * Reads the next line of the head, without its CRLF (or lone LF), as ISO-8859-1.
   *
   * @param budget bytes the head may still take; the line's length is subtracted by the caller
   * @throws EOFException when the connection ends before the line does
   * @throws IOException when the line is longer than {@code budget}
   */
  String readLine(int budget) throws IOException {
    StringBuilder sb = null;
    int taken = 0;
    while (true) {
      if (pos == end && !fill()) {
        throw new EOFException("connection closed before the response head ended");
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      taken += n;
      if (taken > budget) {
        throw new IOException("response head too large");
      }
      boolean done = pos < end;
      if (done) {
        pos++; // the LF
      }
      if (sb == null && done) {
        int len = n > 0 && buf[start + n - 1] == '\r' ? n - 1 : n;
        return new String(buf, start, len, StandardCharsets.ISO_8859_1);
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(new String(buf, start, n, StandardCharsets.ISO_8859_1));
      if (done) {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
    }
  }

  /**
   * Reads up to {@code len} body bytes: buffered ones first, then straight from the socket.
   *
   * @return bytes read, or -1 at the end of the connection
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos < end) {
      int n = Math.min(len, end - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    if (len >= buf.length) {
      arm();
      return in.read(b, off, len);
    }
    if (!fill()) {
      return -1;
    }
    return read(b, off, len);
  }

  /** Refills the empty buffer; false at the end of the connection. */
  private boolean fill() throws IOException {
    arm();
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  private void arm() throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
  }

  /** An unread response's leftovers make a connection unusable; callers close it then. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do with it
    }
  }

  /** The stream of a body with a known length. */
  InputStream fixed(long length) {
    return new BodyStream() {
      private long left = length;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          return -1;
        }
        int n = HttpConnection.this.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
          throw new EOFException("connection closed " + left + " bytes before the body ended");
        }
        left -= n;
        return n;
      }
    };
  }

  /** The stream of a body that ends with the connection (no length, not chunked). */
  InputStream untilClose() {
    return new BodyStream() {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return HttpConnection.this.read(b, off, len);
      }
    };
  }

  /** The stream of a chunked body; the trailer is read and dropped at its end. */
  InputStream chunked() {
    return new Chunked();
  }

  private final class Chunked extends BodyStream {
    private long left; // bytes left in the current chunk
    private boolean done;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        left = nextChunk();
        if (left == 0) {
          done = true;
          readTrailer();
          return -1;
        }
      }
      int n = HttpConnection.this.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      left -= n;
      if (left == 0) {
        crlf();
      }
      return n;
    }

    private long nextChunk() throws IOException {
      String line = readLine(1024);
      int semi = line.indexOf(';');
      String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
      try {
        long n = Long.parseLong(hex, 16);
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size " + quoted(hex));
      }
    }

    private void crlf() throws IOException {
      if (!readLine(2).isEmpty()) {
        throw new IOException("malformed chunked encoding");
      }
    }

    private void readTrailer() throws IOException {
      int budget = MAX_HEAD_BYTES;
      while (true) {
        String line = readLine(budget);
        if (line.isEmpty()) {
          return;
        }
        budget -= line.length() + 2;
      }
    }
  }

  /** A body stream: bulk reads; a single-byte read goes through them. */
  private abstract static class BodyStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  static String quoted(@Nullable String s) {
    return "\"" + s + "\"";
  }
}
