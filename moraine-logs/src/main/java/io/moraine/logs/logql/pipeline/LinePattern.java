package io.moraine.logs.logql.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loki's pattern syntax: literals and captures {@code <name>} ({@code <_>} unnamed). Matching scans
 * left to right: a leading literal must be at the start, each capture takes the bytes up to the
 * next literal's first occurrence, a trailing capture takes the rest. Immutable.
 */
final class LinePattern {
  /** Alternating nodes: a byte[] literal or a String capture name ("_" for unnamed). */
  private final Object[] nodes;

  private final List<String> names;

  private LinePattern(Object[] nodes, List<String> names) {
    this.nodes = nodes;
    this.names = names;
  }

  /**
   * Parses a pattern.
   *
   * @param needCapture whether at least one named capture is required (the parser stage)
   */
  static LinePattern parse(String pattern, boolean needCapture) {
    List<Object> nodes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      String capture = captureAt(pattern, i);
      if (capture == null) {
        lit.append(pattern.charAt(i++));
        continue;
      }
      if (!lit.isEmpty()) {
        nodes.add(lit.toString().getBytes(StandardCharsets.UTF_8));
        lit.setLength(0);
      }
      if (!nodes.isEmpty() && nodes.getLast() instanceof String prev) {
        throw invalid(pattern, "found consecutive capture '<" + prev + "><" + capture + ">'");
      }
      nodes.add(capture);
      if (!capture.equals("_")) {
        names.add(capture);
      }
      i += capture.length() + 2;
    }
    if (!lit.isEmpty()) {
      nodes.add(lit.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (needCapture && names.isEmpty()) {
      throw invalid(pattern, "at least one capture is required");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw invalid(pattern, "duplicate capture name (" + n + ")");
      }
    }
    return new LinePattern(nodes.toArray(), List.copyOf(names));
  }

  private static @Nullable String captureAt(String p, int i) {
    if (p.charAt(i) != '<') {
      return null;
    }
    int j = i + 1;
    if (j >= p.length() || !(Character.isLetter(p.charAt(j)) || p.charAt(j) == '_')) {
      return null;
    }
    while (j < p.length() && (Character.isLetterOrDigit(p.charAt(j)) || p.charAt(j) == '_')) {
      j++;
    }
    return j < p.length() && p.charAt(j) == '>' ? p.substring(i + 1, j) : null;
  }

  private static IllegalArgumentException invalid(String pattern, String why) {
    return new IllegalArgumentException("invalid pattern \"" + pattern + "\": " + why);
  }

  List<String> names() {
    return names;
  }

  /**
   * Captures into {@code starts}/{@code ends} (absolute offsets, one pair per named capture).
   *
   * @return the number of named captures filled (fewer than {@link #names()} when the line ends
   *     early), or -1 when the leading literal does not match
   */
  int match(byte[] line, int off, int len, int[] starts, int[] ends) {
    if (len == 0 || nodes.length == 0) {
      return -1;
    }
    int pos = off;
    int end = off + len;
    int k = 0;
    int n = 0;
    if (nodes[0] instanceof byte[] first) {
      if (!startsWith(line, pos, end, first)) {
        return -1;
      }
      pos += first.length;
      k = 1;
    }
    while (k < nodes.length) {
      String capture = (String) nodes[k];
      boolean named = !capture.equals("_");
      if (k + 1 == nodes.length) {
        if (named) {
          starts[n] = pos;
          ends[n++] = end;
        }
        return n;
      }
      byte[] lit = (byte[]) nodes[k + 1];
      int at = Utf8.indexOf(line, pos, end - pos, lit);
      if (at < 0) {
        if (named) {
          starts[n] = pos;
          ends[n++] = end;
        }
        return n;
      }
      if (named) {
        starts[n] = pos;
        ends[n++] = pos + at;
      }
      pos += at + lit.length;
      k += 2;
    }
    return n;
  }

  /** The line filter's test ({@code |>}): every literal found in order, anchored at both ends. */
  boolean test(byte[] line, int off, int len) {
    int pos = off;
    int end = off + len;
    for (int k = 0; k < nodes.length; k++) {
      if (!(nodes[k] instanceof byte[] lit)) {
        continue;
      }
      if (k == 0) {
        if (!startsWith(line, pos, end, lit)) {
          return false;
        }
        pos += lit.length;
        continue;
      }
      int at = Utf8.indexOf(line, pos, end - pos, lit);
      if (at < 0) {
        return false;
      }
      pos += at + lit.length;
      if (k == nodes.length - 1) {
        // a trailing literal must end the line: retry at its last occurrence
        return endsWith(line, off, end, lit) && end - lit.length >= pos - lit.length;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int pos, int end, byte[] lit) {
    if (end - pos < lit.length) {
      return false;
    }
    for (int i = 0; i < lit.length; i++) {
      if (b[pos + i] != lit[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] b, int off, int end, byte[] lit) {
    return end - off >= lit.length && startsWith(b, end - lit.length, end, lit);
  }
}
