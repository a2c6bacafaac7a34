package io.moraine.logs.logql.parser;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code | pattern} expression as Loki does: literals and captures {@code <name>} or
 * {@code <_>}, at least one named capture, no two captures in a row, no name twice.
 */
final class PatternSyntax {
  private PatternSyntax() {}

  /** Loki's error text for an invalid pattern, else null. */
  static @Nullable String error(String pattern) {
    Set<String> names = new HashSet<>();
    boolean named = false;
    @Nullable String previousCapture = null;
    int i = 0;
    while (i < pattern.length()) {
      int end = captureEnd(pattern, i);
      if (end < 0) {
        previousCapture = null;
        i++;
        continue;
      }
      String capture = pattern.substring(i, end);
      String name = capture.substring(1, capture.length() - 1);
      if (previousCapture != null) {
        return "found consecutive capture '" + previousCapture + capture + "': invalid expression";
      }
      if (!name.equals("_")) {
        named = true;
        if (!names.add(name)) {
          return "duplicate capture name (" + name + "): invalid expression";
        }
      }
      previousCapture = capture;
      i = end;
    }
    return named ? null : "at least one capture is required";
  }

  /** The end of a capture {@code <identifier>} starting at {@code i}, or -1. */
  private static int captureEnd(String p, int i) {
    if (p.charAt(i) != '<' || i + 1 >= p.length()) {
      return -1;
    }
    char first = p.charAt(i + 1);
    if (!(first == '_' || isAsciiLetter(first))) {
      return -1;
    }
    int j = i + 2;
    while (j < p.length()
        && (p.charAt(j) == '_' || isAsciiLetter(p.charAt(j)) || Character.isDigit(p.charAt(j)))) {
      j++;
    }
    return j < p.length() && p.charAt(j) == '>' ? j + 1 : -1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
