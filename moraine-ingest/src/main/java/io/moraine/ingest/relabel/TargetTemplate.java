package io.moraine.ingest.relabel;

/**
 * Prometheus's check on a templated {@code target_label} (and on {@code labelmap}'s replacement): a
 * letter or {@code _} or a reference {@code $name} / {@code ${name}} first, then any mix of word
 * characters ({@code [a-zA-Z0-9_]}) and references, names being word characters. The same language
 * as its regex {@code ^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$}, checked in one pass because
 * nested quantifiers backtrack exponentially in Java on long invalid input.
 */
final class TargetTemplate {
  private TargetTemplate() {}

  static boolean isValid(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$') {
        i = reference(s, i + 1);
        if (i < 0) {
          return false;
        }
      } else if (isWord(c) && !(i == 0 && c >= '0' && c <= '9')) {
        i++;
      } else {
        return false;
      }
    }
    return true;
  }

  /** The index after a reference whose name starts at {@code from}, or -1 when malformed. */
  private static int reference(String s, int from) {
    boolean brace = from < s.length() && s.charAt(from) == '{';
    int i = brace ? from + 1 : from;
    int start = i;
    while (i < s.length() && isWord(s.charAt(i))) {
      i++;
    }
    if (i == start) {
      return -1;
    }
    if (brace) {
      return i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
    }
    return i;
  }

  private static boolean isWord(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }
}
