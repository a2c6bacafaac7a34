package io.moraine.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the agent's own {@code /metrics} over loopback a number of times at start-up, as
 * Prometheus would (OpenMetrics and text, gzip and plain, one keep-alive connection), so the JIT
 * compiles the scrape path before the first real scrape instead of during the first hour of them: a
 * method called once per scrape crosses C1's threshold (about 200 calls) only after 200 scrapes.
 *
 * <p>Not thread-safe; run once, before the agent reports itself started.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final String[] ACCEPT = {
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
    "text/plain;version=0.0.4"
  };

  private WarmUp() {}

  /**
   * Scrapes {@code port} on the loopback address {@code rounds} times or until {@code maxMillis}
   * have passed; returns the rounds done. A failure ends the warm-up (logged), never the agent.
   */
  public static int run(InetSocketAddress listen, int port, int rounds, long maxMillis) {
    if (rounds <= 0) {
      return 0;
    }
    InetAddress host =
        listen.getAddress() == null || listen.getAddress().isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress()
            : listen.getAddress();
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    int done = 0;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      while (done < rounds && System.nanoTime() < deadline) {
        boolean gzip = (done & 1) == 0;
        String req =
            "GET /metrics HTTP/1.1\r\nHost: localhost\r\nUser-Agent: moraine-agent-warmup\r\n"
                + "Accept: "
                + ACCEPT[(done >> 1) & 1]
                + "\r\n"
                + (gzip ? "Accept-Encoding: gzip\r\n" : "")
                + "\r\n";
        out.write(req.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readResponse(in);
        done++;
      }
    } catch (IOException | RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("rounds", done)
          .addKeyValue("err", e.toString())
          .log("warm-up ended");
    }
    return done;
  }

  /** Reads one response with a Content-Length body; throws when the status is not 200. */
  private static void readResponse(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    long length = -1;
    boolean first = true;
    while (true) {
      line.setLength(0);
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      if (line.isEmpty()) {
        break;
      }
      String l = line.toString();
      if (first && !l.startsWith("HTTP/1.1 200")) {
        throw new IOException("warm-up scrape answered " + l);
      }
      first = false;
      if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(l.substring("content-length:".length()).trim());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length");
    }
    in.skipNBytes(length);
  }
}
