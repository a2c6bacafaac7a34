package io.moraine.rules.notify.route;

import io.moraine.core.labels.Matcher;
import java.util.regex.Pattern;

/**
 * Alertmanager's matcher strings, as routes, inhibit rules and the silences API's {@code filter}
 * take them: {@code name="value"}, {@code name!=value}, {@code name=~"re"}, {@code name!~"re"},
 * optionally in braces; quoted values may hold {@code \"}, {@code \\} and {@code \n}. Stateless.
 */
public final class MatcherText {
  private static final Pattern MATCHER =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(.*?))\\s*");

  private MatcherText() {}

  /**
   * @throws IllegalArgumentException {@code bad matcher format: TEXT}, with the regex error when
   *     the value is not a valid regular expression
   */
  public static Matcher parse(String text) {
    String t = text.strip();
    if (t.startsWith("{") && t.endsWith("}")) {
      t = t.substring(1, t.length() - 1);
    }
    var m = MATCHER.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad matcher format: " + text);
    }
    String value = m.group(3) != null ? unescape(m.group(3)) : m.group(4);
    Matcher.Type type =
        switch (m.group(2)) {
          case "=" -> Matcher.Type.EQ;
          case "!=" -> Matcher.Type.NEQ;
          case "=~" -> Matcher.Type.RE;
          default -> Matcher.Type.NRE;
        };
    try {
      return Matcher.of(type, m.group(1), value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad matcher format: " + text + ": " + e.getMessage(), e);
    }
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
