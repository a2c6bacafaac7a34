package io.moraine.ingest.textparse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Go 1.19's {@code mime.ParseMediaType} (Prometheus 2.42's build), reduced to what content
 * negotiation needs: the lower-cased media type, or Go's error. Parameters are checked but not
 * kept. Stateless.
 */
final class MediaType {
  private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

  private MediaType() {}

  /**
   * @throws IllegalArgumentException with Go's message when Go would return an error
   */
  static String parse(String v) {
    int semi = v.indexOf(';');
    String base = semi < 0 ? v : v.substring(0, semi);
    String mediaType = trimSpace(base.toLowerCase(Locale.ROOT));
    checkType(mediaType);
    Set<String> keys = new HashSet<>();
    String rest = v.substring(base.length());
    while (!rest.isEmpty()) {
      rest = trimLeftSpace(rest);
      if (rest.isEmpty()) {
        break;
      }
      String[] param = param(rest);
      if (param == null) {
        if (trimSpace(rest).equals(";")) {
          break; // trailing semicolons are ignored
        }
        throw new IllegalArgumentException("mime: invalid media parameter");
      }
      if (!keys.add(param[0])) {
        throw new IllegalArgumentException("mime: duplicate parameter name");
      }
      rest = param[1];
    }
    return mediaType;
  }

  private static void checkType(String s) {
    int t = tokenEnd(s, 0);
    if (t == 0) {
      throw new IllegalArgumentException("mime: no media type");
    } else if (t == s.length()) {
      return;
    } else if (s.charAt(t) != '/') {
      throw new IllegalArgumentException("mime: expected slash after first token");
    }
    int sub = tokenEnd(s, t + 1);
    if (sub == t + 1) {
      throw new IllegalArgumentException("mime: expected token after slash");
    } else if (sub != s.length()) {
      throw new IllegalArgumentException("mime: unexpected content after media subtype");
    }
  }

  /**
   * {@code ; key=value} at the start of {@code v}: the lower-cased key and what follows, or null.
   */
  private static String @org.jspecify.annotations.Nullable [] param(String v) {
    v = trimLeftSpace(v);
    if (!v.startsWith(";")) {
      return null;
    }
    v = trimLeftSpace(v.substring(1));
    int k = tokenEnd(v, 0);
    if (k == 0) {
      return null;
    }
    String key = v.substring(0, k).toLowerCase(Locale.ROOT);
    String rest = trimLeftSpace(v.substring(k));
    if (!rest.startsWith("=")) {
      return null;
    }
    rest = trimLeftSpace(rest.substring(1));
    int valueEnd = valueEnd(rest);
    if (valueEnd <= 0) {
      return null;
    }
    return new String[] {key, rest.substring(valueEnd)};
  }

  /** End of a token or quoted string at the start of {@code v}; 0 or -1 when there is none. */
  private static int valueEnd(String v) {
    if (v.isEmpty() || v.charAt(0) != '"') {
      return tokenEnd(v, 0);
    }
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        return i + 1;
      } else if (c == '\\' && i + 1 < v.length() && TSPECIALS.indexOf(v.charAt(i + 1)) >= 0) {
        i++;
      } else if (c == '\r' || c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static int tokenEnd(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
        break;
      }
      i++;
    }
    return i;
  }

  private static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length() && isGoSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String trimSpace(String s) {
    int end = s.length();
    while (end > 0 && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return trimLeftSpace(s.substring(0, end));
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isGoSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          0x0b,
          '\f',
          '\r',
          ' ',
          0x85,
          0xa0,
          0x1680,
          0x2028,
          0x2029,
          0x202f,
          0x205f,
          0x3000 ->
          true;
      default -> c >= 0x2000 && c <= 0x200a;
    };
  }
}
