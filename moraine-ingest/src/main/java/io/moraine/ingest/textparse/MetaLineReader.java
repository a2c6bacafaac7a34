package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Reads a line starting with {@code '#'}: {@code # HELP name text}, {@code # TYPE name type},
 * {@code # UNIT name unit} or {@code # EOF}. OpenMetrics allows no other comment. HELP text must be
 * UTF-8, TYPE one of the eight OpenMetrics types, UNIT a {@code _}-separated suffix of the name.
 * Not thread-safe; one per parser.
 */
final class MetaLineReader {
  enum Kind {
    HELP,
    TYPE,
    UNIT,
    EOF
  }

  private final MemorySegment in;
  private final ErrorLocator errors;

  /** After {@link #read} of a TYPE line: its {@link TypeClass}. */
  byte typeClass;

  /** After {@link #read}: what the line was. */
  Kind kind = Kind.HELP;

  MetaLineReader(MemorySegment in, ErrorLocator errors) {
    this.in = in;
    this.errors = errors;
  }

  /**
   * Reads the line at {@code p} (which holds {@code '#'}).
   *
   * @return the position after the line's {@code '\n'} (or {@code end} after {@code # EOF})
   */
  long read(long p, long end) {
    long word = p + 2;
    if (!startsWith(p, end, "# ")) {
      throw errors.at(
          p,
          "expected '# HELP', '# TYPE', '# UNIT' or '# EOF' (OpenMetrics has no other comments)");
    } else if (startsWith(word, end, "EOF")) {
      kind = Kind.EOF;
      long after = word + 3;
      if (after < end && in.get(Scan.BYTE, after) == '\n') {
        after++;
      }
      return after;
    } else if (startsWith(word, end, "HELP ")) {
      kind = Kind.HELP;
    } else if (startsWith(word, end, "TYPE ")) {
      kind = Kind.TYPE;
    } else if (startsWith(word, end, "UNIT ")) {
      kind = Kind.UNIT;
    } else {
      throw errors.at(word, "expected HELP, TYPE, UNIT or EOF after '# '");
    }
    long nameStart = word + 5;
    long nameEnd = metricNameEnd(nameStart, end);
    long name0 = nameStart;
    long name1 = nameEnd;
    if (in.get(Scan.BYTE, nameStart) == '"') {
      name0++;
      name1--;
    }
    if (nameEnd >= end || in.get(Scan.BYTE, nameEnd) != ' ') {
      throw errors.at(nameEnd, "expected ' ' and text after the metric name in " + kind);
    }
    long textStart = nameEnd + 1;
    long lineEnd =
        Scan.findAny(
            in, textStart, end, Scan.pattern('\n'), Scan.pattern('\n'), Scan.pattern('\n'));
    if (lineEnd >= end) {
      throw errors.at(lineEnd, "expected a line break after " + kind + " text");
    }
    switch (kind) {
      case HELP -> {
        if (!Utf8.isValid(in, textStart, lineEnd)) {
          throw errors.at(textStart, "HELP text is not valid UTF-8");
        }
      }
      case TYPE -> {
        byte c = TypeClass.of(ascii(textStart, lineEnd));
        if (c < 0) {
          throw errors.at(textStart, "invalid metric type " + errors.excerpt(textStart, lineEnd));
        }
        typeClass = c;
      }
      case UNIT -> checkUnit(name0, name1, textStart, lineEnd);
      case EOF -> throw new IllegalStateException("BUG: EOF handled above");
    }
    return lineEnd + 1;
  }

  private void checkUnit(long name0, long name1, long unitStart, long unitEnd) {
    long unitLength = unitEnd - unitStart;
    if (unitLength == 0) {
      return;
    }
    long sep = name1 - unitLength - 1;
    boolean ok =
        sep >= name0 + 1
            && in.get(Scan.BYTE, sep) == '_'
            && MemorySegment.mismatch(in, sep + 1, name1, in, unitStart, unitEnd) < 0;
    if (!ok) {
      throw errors.at(
          unitStart,
          "unit "
              + errors.excerpt(unitStart, unitEnd)
              + " is not a suffix of metric "
              + errors.excerpt(name0, name1));
    }
  }

  /** End of a bare ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or quoted metric name at {@code p}. */
  private long metricNameEnd(long p, long end) {
    byte c = p < end ? in.get(Scan.BYTE, p) : (byte) '\n';
    if (c == '"') {
      long q = p + 1;
      while (q < end) {
        byte x = in.get(Scan.BYTE, q);
        if (x == '"') {
          return q + 1;
        } else if (x == '\n') {
          break;
        }
        q += x == '\\' ? 2 : 1;
      }
      throw errors.at(p, "unterminated quoted metric name in " + kind);
    }
    if (!OpenMetricsParser.isMetricNameStart(c)) {
      throw errors.at(p, "expected metric name after " + kind);
    }
    long q = p + 1;
    while (q < end && OpenMetricsParser.isMetricNameChar(in.get(Scan.BYTE, q))) {
      q++;
    }
    return q;
  }

  private boolean startsWith(long p, long end, String s) {
    if (end - p < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (in.get(Scan.BYTE, p + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String ascii(long start, long end) {
    if (end - start > 32) {
      return "";
    }
    return new String(in.asSlice(start, end - start).toArray(Scan.BYTE), StandardCharsets.UTF_8);
  }
}
