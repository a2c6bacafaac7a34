package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One body's pass of {@link PromTextParser}: the line loop and the sample-line fast path. The body
 * is read as if a line break were appended to it, as Prometheus does. Not thread-safe; one per
 * {@code parse} call.
 */
final class PromTextReader {
  private static final long QUOTE = Scan.pattern('"');
  private static final long BACKSLASH = Scan.pattern('\\');
  private static final long CLOSE_BRACE = Scan.pattern('}');
  private static final long NEWLINE = Scan.pattern('\n');

  /** Byte classes of the Prometheus lexer. */
  private static final byte WS = 1;

  private static final byte NAME_START = 2;
  private static final byte NAME = 4;
  private static final byte LABEL_START = 8;
  private static final byte LABEL = 16;
  private static final byte DIGIT = 32;
  private static final byte VALUE = 64;
  private static final byte[] CLASSES = classes();

  private static final long MAX_MILLIS_DIV_10 = Long.MAX_VALUE / 10;

  private final MemorySegment in;
  private final long limit;
  private final SeriesTable table;
  private final SampleSink sink;
  private final ErrorLocator errors;
  private final PromSeriesKey keys;
  private final PromMetaLine metaLines;
  private long samples;

  PromTextReader(
      MemorySegment in,
      SeriesTable table,
      List<MetaLineValue> metaLineValues,
      SeriesRegistry registry,
      SampleSink sink) {
    this.in = in;
    this.limit = in.byteSize();
    this.table = table;
    this.sink = sink;
    this.errors = new ErrorLocator(in);
    this.keys = new PromSeriesKey(this, in, errors, registry);
    this.metaLines = new PromMetaLine(this, in, errors, registry, table, metaLineValues);
  }

  void run() {
    long p = 0;
    while (p <= limit) {
      errors.reset(p);
      long q = skipWs(p);
      int c = at(q);
      if (c == '\n') {
        p = q + 1;
      } else if (is(c, NAME_START)) {
        p = sampleLine(p, q);
      } else if (c == '#') {
        p = metaLines.read(q, sink);
      } else if (c == 0) {
        return;
      } else {
        throw errors.at(q, "\"INVALID\" is not a valid start token");
      }
    }
  }

  long samples() {
    return samples;
  }

  /**
   * @param start where the line starts
   * @param nameStart where the metric name starts (after indentation, which is an error later)
   * @return where the next line starts
   */
  private long sampleLine(long start, long nameStart) {
    // Most lines repeat the previous scrape's line that followed the last one seen: when the input
    // starts with that series' key bytes, the key is known without scanning its labels.
    int entry = table.predictPrefix(in, start, limit);
    long keyEnd = entry < 0 ? -1 : start + table.length(entry);
    long hash = 0;
    long nameEnd = -1;
    if (entry < 0 || !keyEndsAt(keyEnd)) {
      nameEnd = nameStart + 1;
      while (is(at(nameEnd), NAME)) {
        nameEnd++;
      }
      keyEnd = nameEnd;
      long afterName = skipWs(nameEnd);
      if (at(afterName) == '{') {
        keyEnd = labelsEnd(afterName + 1);
      }
      entry = -1;
      if (keyEnd >= 0 && keyEnd - start <= Integer.MAX_VALUE) {
        hash = Scan.hash(in, start, keyEnd, 0);
        entry = table.find(in, hash, start, (int) (keyEnd - start), TypeClass.PLAIN);
      }
      if (entry < 0) {
        long lexedEnd = keys.lex(nameEnd);
        if (lexedEnd != keyEnd) {
          throw new IllegalStateException(
              "BUG: key scan ended at " + keyEnd + ", lexer " + lexedEnd);
        }
      }
    }
    long valueStart = skipWs(keyEnd);
    int c = at(valueStart);
    if (!is(c, VALUE)) {
      String got = c == '{' ? "\"BOPEN\"" : "\"INVALID\"";
      throw errors.at(valueStart, "expected value after metric, got " + got);
    }
    long valueEnd = valueStart + 1;
    while (is(at(valueEnd), VALUE)) {
      valueEnd++;
    }
    double value = value(valueStart, valueEnd);
    long t = skipWs(valueEnd);
    long millis = SampleSink.NO_TIMESTAMP;
    c = at(t);
    if (is(c, DIGIT)) {
      long tsEnd = t + 1;
      while (is(at(tsEnd), DIGIT)) {
        tsEnd++;
      }
      millis = millis(t, tsEnd);
      t = skipWs(tsEnd);
      c = at(t);
      if (c != '\n') {
        String got = is(c, DIGIT) ? "\"TIMESTAMP\"" : "\"INVALID\"";
        throw errors.at(t, "expected next entry after timestamp, got " + got);
      }
    } else if (c != '\n') {
      throw errors.at(t, "expected timestamp or new record, got \"INVALID\"");
    }
    if (entry < 0) {
      int id = keys.register(start, nameStart, nameEnd, sink);
      entry = table.put(in, hash, start, (int) (keyEnd - start), TypeClass.PLAIN, id);
    }
    table.visit(entry);
    sink.sample(table.id(entry), millis, value);
    samples++;
    return t + 1;
  }

  /**
   * Where {@code {...}} opened just before {@code p} closes, quotes and their escapes respected
   * (raw line breaks are allowed inside quotes): the position after {@code '}'}, or -1 when a line
   * break outside quotes or the end of input comes first. Does not check the labels: equal to the
   * lexer's answer for any well-formed list.
   */
  private long labelsEnd(long p) {
    while (true) {
      p = Scan.findAny(in, p, limit, QUOTE, CLOSE_BRACE, NEWLINE);
      if (p >= limit) {
        return -1;
      }
      byte c = in.get(Scan.BYTE, p);
      if (c == '}') {
        return p + 1;
      } else if (c == '\n') {
        return -1;
      }
      p++;
      while (true) {
        p = Scan.findAny(in, p, limit, QUOTE, BACKSLASH, QUOTE);
        if (p >= limit) {
          return -1;
        }
        if (in.get(Scan.BYTE, p) == '"') {
          p++;
          break;
        }
        p += 2;
      }
    }
  }

  /**
   * Whether a known series key that the input repeats up to {@code end} really ends there: a key
   * with labels ends at its brace; a bare name must not go on as a longer name or a label set.
   */
  private boolean keyEndsAt(long end) {
    if (at(end - 1) == '}') {
      return true;
    }
    return !is(at(end), NAME) && at(skipWs(end)) != '{';
  }

  /** The Go float at {@code [start, end)}, or Prometheus' error for it. */
  private double value(long start, long end) {
    long n = end - start;
    if (n == 3 && in.get(Scan.BYTE, start) == 'N' && isAt(start, "NaN")) {
      return GoFloat.NORMAL_NAN;
    } else if (n == 4 && isAt(start + 1, "Inf")) {
      byte sign = in.get(Scan.BYTE, start);
      if (sign == '+') {
        return Double.POSITIVE_INFINITY;
      } else if (sign == '-') {
        return Double.NEGATIVE_INFINITY;
      }
    }
    try {
      return GoFloat.parse(in, start, end);
    } catch (IllegalArgumentException notFast) {
      return slowValue(start, end);
    }
  }

  private double slowValue(long start, long end) {
    for (long p = start; p < end; p++) {
      byte c = in.get(Scan.BYTE, p);
      if (c == 'p' || c == 'P' || c == '_') {
        throw errors.at(start, "unsupported character in float");
      }
    }
    String token =
        new String(in.asSlice(start, end - start).toArray(Scan.BYTE), StandardCharsets.ISO_8859_1);
    try {
      return GoFloat.parse(token);
    } catch (GoFloat.OutOfRange e) {
      throw errors.at(start, goNumError("ParseFloat", start, end, "value out of range"));
    } catch (IllegalArgumentException e) {
      throw errors.at(start, goNumError("ParseFloat", start, end, "invalid syntax"));
    }
  }

  /** Decimal digits at {@code [start, end)} as an int64, or Go's range error. */
  private long millis(long start, long end) {
    long v = 0;
    for (long p = start; p < end; p++) {
      int d = in.get(Scan.BYTE, p) - '0';
      if (v > MAX_MILLIS_DIV_10 || (v == MAX_MILLIS_DIV_10 && d > Long.MAX_VALUE % 10)) {
        throw errors.at(start, goNumError("ParseInt", start, end, "value out of range"));
      }
      v = v * 10 + d;
    }
    return v;
  }

  private String goNumError(String func, long start, long end, String what) {
    return "strconv." + func + ": parsing " + GoQuote.quote(in, start, end) + ": " + what;
  }

  private boolean isAt(long p, String s) {
    if (p + s.length() > limit) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (in.get(Scan.BYTE, p + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The byte at {@code p}; the appended line break at and after the end. */
  int at(long p) {
    return p < limit ? in.get(Scan.BYTE, p) & 0xff : '\n';
  }

  long limit() {
    return limit;
  }

  long skipWs(long p) {
    while (p < limit && is(in.get(Scan.BYTE, p) & 0xff, WS)) {
      p++;
    }
    return p;
  }

  static boolean isWs(int c) {
    return is(c, WS);
  }

  static boolean isNameStart(int c) {
    return is(c, NAME_START);
  }

  static boolean isNameChar(int c) {
    return is(c, NAME);
  }

  static boolean isLabelStart(int c) {
    return is(c, LABEL_START);
  }

  static boolean isLabelChar(int c) {
    return is(c, LABEL);
  }

  private static boolean is(int c, byte cls) {
    return (CLASSES[c & 0xff] & cls) != 0;
  }

  private static byte[] classes() {
    byte[] t = new byte[256];
    for (int c = 0; c < 256; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      int k = 0;
      k |= c == ' ' || c == '\t' ? WS : 0;
      k |= letter || c == ':' ? NAME_START | NAME : 0;
      k |= digit ? NAME | LABEL | DIGIT : 0;
      k |= letter ? LABEL_START | LABEL : 0;
      k |= c != 0 && c != ' ' && c != '\t' && c != '\n' && c != '{' ? VALUE : 0;
      t[c] = (byte) k;
    }
    return t;
  }
}
