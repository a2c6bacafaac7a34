package io.moraine.logs.logql.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Loki's line-regex simplification: a regex that is a literal, {@code (?i)literal}, an alternation
 * of literals or {@code .*literal.*} is run as byte searches instead.
 *
 * @param needles the literals, any of which matches (lower-cased when {@code ignoreCase})
 * @param ignoreCase whether to compare ASCII case-insensitively
 */
record RegexShortcut(List<byte[]> needles, boolean ignoreCase) {
  /** A matcher over this shortcut's needles, for per-line use without allocation. */
  Compiled compiled() {
    return new Compiled(array(), ignoreCase);
  }

  record Compiled(byte[][] needles, boolean ignoreCase) {
    boolean matches(byte[] line, int off, int len) {
      for (byte[] n : needles) {
        int at =
            ignoreCase
                ? Utf8.indexOfIgnoreCase(line, off, len, n)
                : Utf8.indexOf(line, off, len, n);
        if (at >= 0) {
          return true;
        }
      }
      return false;
    }
  }

  static @Nullable RegexShortcut of(String re) {
    boolean ci = false;
    String body = re;
    if (body.startsWith("(?i)")) {
      ci = true;
      body = body.substring(4);
    }
    if (body.startsWith(".*")) {
      body = body.substring(2);
    }
    if (body.endsWith(".*") && !body.endsWith("\\.*")) {
      body = body.substring(0, body.length() - 2);
    }
    if (body.startsWith("(") && body.endsWith(")") && !body.startsWith("(?")) {
      body = body.substring(1, body.length() - 1);
    } else if (body.startsWith("(?:") && body.endsWith(")")) {
      body = body.substring(3, body.length() - 1);
    }
    if (body.indexOf('(') >= 0 || body.indexOf(')') >= 0) {
      return null;
    }
    List<byte[]> needles = new ArrayList<>();
    for (String alt : body.split("\\|", -1)) {
      String lit = literal(alt);
      if (lit == null || lit.isEmpty()) {
        return null;
      }
      if (ci) {
        for (int i = 0; i < lit.length(); i++) {
          if (lit.charAt(i) >= 0x80) {
            return null; // non-ASCII case folding is left to the regex engine
          }
        }
        lit = lit.toLowerCase(Locale.ROOT);
      }
      needles.add(lit.getBytes(StandardCharsets.UTF_8));
    }
    return new RegexShortcut(List.copyOf(needles), ci);
  }

  /** The text a regex stands for when it has no metacharacters, else null. */
  static @Nullable String literal(String re) {
    StringBuilder sb = new StringBuilder(re.length());
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= re.length() || Character.isLetterOrDigit(re.charAt(i + 1))) {
          return null;
        }
        sb.append(re.charAt(++i));
      } else if ("[](){}.*+?^$|".indexOf(c) >= 0) {
        return null;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The needles as an array: iterating the list would allocate an iterator per line. */
  private byte[][] array() {
    return needles.toArray(new byte[0][]);
  }
}
