package io.moraine.core.exposition;

import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streaming writer of the Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}) or, in
 * OpenMetrics mode, of OpenMetrics 1.0.0's text (help texts escape {@code "} too, and {@link #eof}
 * ends the exposition; choosing OpenMetrics family names and types is the caller's). Not
 * thread-safe. Buffers internally; call {@link #flush}.
 */
public final class TextWriter {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  public static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  public static final String[] NO_LABELS = new String[0];

  private final OutputStream out;
  private final boolean openMetrics;
  private final StringBuilder sb = new StringBuilder(8192);

  /** A writer of the Prometheus text format 0.0.4. */
  public TextWriter(OutputStream out) {
    this(out, false);
  }

  /** A writer of the Prometheus text format 0.0.4, or of OpenMetrics 1.0.0 text. */
  public TextWriter(OutputStream out, boolean openMetrics) {
    this.out = out;
    this.openMetrics = openMetrics;
  }

  /** Ends an OpenMetrics exposition with {@code # EOF}; nothing in the text format. */
  public void eof() throws IOException {
    if (openMetrics) {
      sb.append("# EOF\n");
      maybeFlush();
    }
  }

  public void help(String name, String help) throws IOException {
    sb.append("# HELP ").append(name).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '"' && openMetrics) {
        sb.append("\\\"");
      } else {
        sb.append(c);
      }
    }
    sb.append('\n');
    maybeFlush();
  }

  public void type(String name, String type) throws IOException {
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    maybeFlush();
  }

  /** One sample line; {@code names} and {@code values} pair up. */
  public void sample(String name, String[] names, String[] values, double v) throws IOException {
    sb.append(name);
    if (names.length > 0) {
      sb.append('{');
      for (int i = 0; i < names.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(names[i]).append("=\"");
        Labels.appendEscaped(sb, values[i]);
        sb.append('"');
      }
      sb.append('}');
    }
    sb.append(' ').append(formatValue(v)).append('\n');
    maybeFlush();
  }

  /** Go's formatting of sample values: integers without a fraction, {@code +Inf}, {@code NaN}. */
  public static String formatValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Shortest round-trip digits, plain up to 1e21 (integers up to 1e15 above): Go's 'g' switches
    // to an exponent from 1e6, which parses the same but reads worse in /metrics.
    return FloatFormat.shortest(v, PLAIN_BELOW_EXPONENT);
  }

  /** Decimal exponent from which values are written as {@code 1.5e+21}. */
  private static final int PLAIN_BELOW_EXPONENT = 21;

  private void maybeFlush() throws IOException {
    if (sb.length() >= 8192) {
      flush();
    }
  }

  public void flush() throws IOException {
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    sb.setLength(0);
    out.flush();
  }
}
