package io.moraine.logs.logql.template;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Go's {@code strings} functions and sprig's string helpers where Java differs. */
final class GoStrings {
  private GoStrings() {}

  static String replace(String s, String old, String neu, int n) {
    if (n < 0) {
      return s.replace(old, neu);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int k = 0; k < n; k++) {
      int at = s.indexOf(old, from);
      if (at < 0) {
        break;
      }
      sb.append(s, from, at).append(neu);
      from = at + Math.max(old.length(), 0);
      if (old.isEmpty()) {
        if (from >= s.length()) {
          break;
        }
        sb.append(s.charAt(from++));
      }
    }
    return sb.append(s, Math.min(from, s.length()), s.length()).toString();
  }

  /** {@code strings.Trim}/{@code TrimLeft}/{@code TrimRight}: strips characters in the cutset. */
  static String trim(String s, String cutset, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && cutset.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (right && end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  /** {@code strings.Title}: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevSep = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(prevSep ? Character.toTitleCase(c) : c);
      prevSep =
          !(Character.isLetterOrDigit(c) || c == '_') && (c < 0x80 || Character.isWhitespace(c));
    }
    return sb.toString();
  }

  static String trunc(int c, String s) {
    if (c < 0 && s.length() + c > 0) {
      return s.substring(s.length() + c);
    }
    if (c >= 0 && s.length() > c) {
      return s.substring(0, c);
    }
    return s;
  }

  static String substr(int start, int end, String s) {
    if (start < 0) {
      return s.substring(0, Math.min(Math.max(end, 0), s.length()));
    }
    if (end < 0 || end > s.length()) {
      return start > s.length() ? "" : s.substring(start);
    }
    return start > end ? "" : s.substring(start, end);
  }

  static String indent(int spaces, String v) {
    String pad = " ".repeat(Math.max(0, spaces));
    return pad + v.replace("\n", "\n" + pad);
  }

  /** Loki's alignLeft/alignRight: pads with spaces or cuts to {@code count} characters. */
  static String align(int count, String src, boolean left) {
    int[] cps = src.codePoints().toArray();
    int l = cps.length;
    if (count < 0 || count == l) {
      return src;
    }
    int pad = count - l;
    if (pad > 0) {
      return left ? src + " ".repeat(pad) : " ".repeat(pad) + src;
    }
    return left ? new String(cps, 0, count) : new String(cps, l - count, count);
  }

  /** sprig's b64dec: the error's text when the input is not base64. */
  static String b64dec(String s) {
    try {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "illegal base64 data at input byte " + Math.max(0, illegalAt(s));
    }
  }

  private static int illegalAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=')) {
        return i;
      }
    }
    return s.length();
  }

  /** Go's {@code url.QueryUnescape}. */
  static String urldecode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TemplateException("error calling urldecode: invalid URL escape in " + s);
    }
  }
}
