package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Reads a brace-delimited label list ({@code {a="1",b="2"}}) of a series or an exemplar and keeps
 * the byte ranges of names and values (without quotes, still escaped). For a series, a quoted
 * string standing alone in the list is the metric name ({@code {"name",a="1"}}). Not thread-safe;
 * reused line after line by one parser.
 */
final class LabelListReader {
  private final MemorySegment in;
  private final ErrorLocator errors;

  /** Per label: name start, name end, value start, value end. */
  long[] ranges = new long[4 * 16];

  int count;

  /** Metric name range when given as a quoted string inside the braces, else -1. */
  long quotedNameStart;

  long quotedNameEnd;

  LabelListReader(MemorySegment in, ErrorLocator errors) {
    this.in = in;
    this.errors = errors;
  }

  /**
   * Reads from just after {@code '{'} up to and including the matching {@code '}'}.
   *
   * @param end the first byte not to read (end of input)
   * @param exemplar whether this is an exemplar's list (no metric name allowed)
   * @return the position after {@code '}'}
   */
  long read(long p, long end, boolean exemplar) {
    count = 0;
    quotedNameStart = -1;
    quotedNameEnd = -1;
    while (true) {
      byte c = p < end ? in.get(Scan.BYTE, p) : (byte) '\n';
      if (c == '}') {
        return p + 1;
      }
      long nameStart;
      long nameEnd;
      if (isLabelNameStart(c)) {
        nameStart = p;
        p++;
        while (p < end && isLabelNameChar(in.get(Scan.BYTE, p))) {
          p++;
        }
        nameEnd = p;
      } else if (c == '"') {
        nameStart = p + 1;
        nameEnd = quotedEnd(p, end, "label name");
        p = nameEnd + 1;
        byte next = p < end ? in.get(Scan.BYTE, p) : (byte) '\n';
        if (next == ',' || next == '}') {
          if (exemplar) {
            throw errors.at(nameStart - 1, "expected label name in exemplar, got a lone string");
          }
          if (quotedNameStart >= 0) {
            throw errors.at(nameStart - 1, "metric name already set");
          }
          quotedNameStart = nameStart;
          quotedNameEnd = nameEnd;
          p = next == ',' ? p + 1 : p;
          continue;
        }
      } else {
        throw errors.at(p, "expected label name or '}'" + got(p, end));
      }
      if (p >= end || in.get(Scan.BYTE, p) != '=') {
        throw errors.at(
            p, "expected '=' after label name " + errors.excerpt(nameStart, nameEnd) + got(p, end));
      }
      p++;
      if (p >= end || in.get(Scan.BYTE, p) != '"') {
        throw errors.at(p, "expected label value in quotes" + got(p, end));
      }
      long valueEnd = quotedEnd(p, end, "label value");
      add(nameStart, nameEnd, p + 1, valueEnd);
      p = valueEnd + 1;
      c = p < end ? in.get(Scan.BYTE, p) : (byte) '\n';
      if (c == ',') {
        p++;
      } else if (c != '}') {
        throw errors.at(p, "expected ',' or '}' after label value" + got(p, end));
      }
    }
  }

  long nameStart(int i) {
    return ranges[4 * i];
  }

  long nameEnd(int i) {
    return ranges[4 * i + 1];
  }

  long valueStart(int i) {
    return ranges[4 * i + 2];
  }

  long valueEnd(int i) {
    return ranges[4 * i + 3];
  }

  void add(long nameStart, long nameEnd, long valueStart, long valueEnd) {
    if (4 * count + 4 > ranges.length) {
      ranges = Arrays.copyOf(ranges, ranges.length * 2);
    }
    ranges[4 * count] = nameStart;
    ranges[4 * count + 1] = nameEnd;
    ranges[4 * count + 2] = valueStart;
    ranges[4 * count + 3] = valueEnd;
    count++;
  }

  /** Position of the closing quote of the string opening at {@code open}; escapes any byte. */
  private long quotedEnd(long open, long end, String what) {
    long p = open + 1;
    while (p < end) {
      byte c = in.get(Scan.BYTE, p);
      if (c == '"') {
        return p;
      } else if (c == '\n') {
        break;
      } else if (c == '\\') {
        if (p + 1 < end && in.get(Scan.BYTE, p + 1) == '\n') {
          break;
        }
        p += 2;
      } else {
        p++;
      }
    }
    throw errors.at(
        open, "unterminated " + what + " (a line break or the end of input before '\"')");
  }

  private String got(long p, long end) {
    if (p >= end) {
      return ", got end of input";
    }
    byte c = in.get(Scan.BYTE, p);
    return c == '\n' ? ", got end of line" : ", got " + errors.excerpt(p, Math.min(end, p + 1));
  }

  static boolean isLabelNameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isLabelNameChar(byte c) {
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
  }
}
