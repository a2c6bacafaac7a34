package io.moraine.bench.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The state one event is written with: the random source, the clock formats, the reused line buffer
 * and where lines go. An event may write several lines (a stack trace); each gets the next
 * microsecond. Not thread-safe.
 */
final class LineContext {
  final SplittableRandom rng;
  final Clocks clocks = new Clocks();
  final LineBuffer line = new LineBuffer();
  private final LineSink sink;

  /** The time of the next line. */
  long nanos;

  /** Whether the stream is in a burst (more errors, more warnings). */
  boolean burst;

  /** Whether the stream runs in a dev namespace (more debug lines). */
  boolean dev;

  /** The namespace of the stream being written. */
  String namespace = "";

  /** The trace id the next trace-carrying line must use instead of a random one. */
  byte @Nullable [] pendingNeedle;

  private int needlesWritten;

  LineContext(SplittableRandom rng, LineSink sink) {
    this.rng = rng;
    this.sink = sink;
  }

  /** Hands the line buffer to the sink and starts the next line. */
  void emit(LineKind kind, int status) throws IOException {
    sink.line(nanos, kind, line, status);
    line.reset();
    nanos += 1_000;
  }

  int needlesWritten() {
    return needlesWritten;
  }

  /** A W3C trace id (32 hex digits): the pending needle if any, else a random one. */
  void traceId() {
    byte[] needle = pendingNeedle;
    if (needle != null) {
      line.bytes(needle);
      pendingNeedle = null;
      needlesWritten++;
    } else {
      line.hex(rng.nextLong(), 16).hex(rng.nextLong(), 16);
    }
  }

  void spanId() {
    line.hex(rng.nextLong(), 16);
  }

  boolean chance(double p) {
    return rng.nextDouble() < p;
  }

  <T> T pick(T[] values) {
    return values[rng.nextInt(values.length)];
  }

  /** An id from a space of up to ten million, smaller ids more likely (as with real ids). */
  long id() {
    return 1 + rng.nextLong(1L << rng.nextInt(6, 24));
  }

  /** A log-normal duration in thousandths of a millisecond around {@code medianMillis}. */
  long latencyMicros(double medianMillis, double sigma) {
    double ms = medianMillis * Math.exp(sigma * rng.nextGaussian());
    return Math.max(1, (long) (ms * 1000));
  }

  /** A duration as Go prints it: 12.345ms or 1.234s. */
  void goDuration(long micros) {
    if (micros >= 1_000_000) {
      line.millis3(micros / 1000).ch('s');
    } else {
      line.millis3(micros).ascii("ms");
    }
  }

  /** Writes {@code template} with its placeholders filled (see {@link Words}). */
  void render(String template) {
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      switch (c) {
        case '#' -> line.num(id());
        case '@' -> line.hex(rng.nextLong(), 16);
        case '~' -> line.ascii(pick(Words.NOUNS));
        case '%' -> goDuration(latencyMicros(40, 1.2));
        default -> line.ch(c);
      }
    }
  }

  /** A client address: mostly public-looking, from a pool of about a million. */
  void clientIp() {
    long h = mix(rng.nextInt(1 << 20));
    int a = (int) ((h & 0xff) % 200) + 23;
    if (a == 127 || a == 100 || a == 172 || a == 192) {
      a++;
    }
    line.num(a).ch('.').num((h >>> 8) & 0xff).ch('.').num((h >>> 16) & 0xff).ch('.');
    line.num(1 + ((h >>> 24) & 0xff) % 254);
  }

  /** A pod address in 10.0.0.0/8. */
  void podIp() {
    line.ascii("10.").num(rng.nextInt(4)).ch('.').num(rng.nextInt(256)).ch('.');
    line.num(1 + rng.nextInt(254));
  }

  /** An HTTP status: mostly 2xx, some 3xx and 4xx, {@code errorRate} 5xx (ten times in bursts). */
  int status(String method, double errorRate) {
    double u = rng.nextDouble();
    double e5 = burst ? errorRate * 10 : errorRate;
    if (u < e5) {
      return u < e5 * 0.6 ? 500 : u < e5 * 0.85 ? 503 : u < e5 * 0.95 ? 502 : 504;
    }
    u -= e5;
    if (u < 0.045) {
      return u < 0.02 ? 404 : u < 0.03 ? 400 : u < 0.038 ? 401 : u < 0.042 ? 403 : 429;
    }
    if (u < 0.06) {
      return 304;
    }
    return switch (method) {
      case "POST" -> 201;
      case "DELETE" -> 204;
      default -> 200;
    };
  }

  /** The level of a non-request line: mostly info, debug in dev, more warnings in bursts. */
  String level() {
    double u = rng.nextDouble();
    double debug = dev ? 0.35 : 0.05;
    double warn = burst ? 0.15 : 0.05;
    double error = burst ? 0.06 : 0.01;
    return u < error
        ? "error"
        : u < error + warn ? "warn" : u < error + warn + debug ? "debug" : "info";
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
