package io.moraine.rules.template;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code regexp} for templates on {@link java.util.regex}: the RE2 syntax that both share,
 * with {@code (?P<name>...)} and POSIX classes such as {@code [[:alpha:]]} translated; {@code
 * ReplaceAllString} with Go's {@code $1}, {@code ${1}}, {@code $name} expansion and Go's handling
 * of empty matches. Stateless.
 */
final class GoRegexp {
  private GoRegexp() {}

  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("[:alnum:]", "\\p{Alnum}"),
          Map.entry("[:alpha:]", "\\p{Alpha}"),
          Map.entry("[:ascii:]", "\\p{ASCII}"),
          Map.entry("[:blank:]", "\\p{Blank}"),
          Map.entry("[:cntrl:]", "\\p{Cntrl}"),
          Map.entry("[:digit:]", "\\p{Digit}"),
          Map.entry("[:graph:]", "\\p{Graph}"),
          Map.entry("[:lower:]", "\\p{Lower}"),
          Map.entry("[:print:]", "\\p{Print}"),
          Map.entry("[:punct:]", "\\p{Punct}"),
          Map.entry("[:space:]", "\\s"),
          Map.entry("[:upper:]", "\\p{Upper}"),
          Map.entry("[:word:]", "\\w"),
          Map.entry("[:xdigit:]", "\\p{XDigit}"));

  /**
   * Compiles a Go regular expression.
   *
   * @throws IllegalArgumentException worded like Go's {@code regexp.Compile} error
   */
  static Pattern compile(String expr) {
    String java = expr.replace("(?P<", "(?<");
    for (Map.Entry<String, String> e : POSIX.entrySet()) {
      java = java.replace(e.getKey(), e.getValue());
    }
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "regexp: Compile("
              + GoFmtQuote.backquote(expr)
              + "): error parsing regexp: "
              + e.getDescription(),
          e);
    }
  }

  /** Go's {@code ReplaceAllString}: empty matches right after a match are skipped. */
  static String replaceAll(String expr, String repl, String src) {
    Pattern p = compile(expr);
    Matcher m = p.matcher(src);
    StringBuilder out = new StringBuilder(src.length() + 16);
    int copied = 0;
    int lastEnd = -1;
    int from = 0;
    while (from <= src.length() && m.find(from)) {
      if (m.end() == m.start() && m.start() == lastEnd) {
        // an empty match abutting the previous match: ignored, as in Go
        from = m.start() + 1;
        if (from > src.length()) {
          break;
        }
        continue;
      }
      out.append(src, copied, m.start());
      expand(out, repl, m);
      copied = m.end();
      lastEnd = m.end();
      from = m.end() > m.start() ? m.end() : m.end() + 1;
    }
    out.append(src, copied, src.length());
    return out.toString();
  }

  private static void expand(StringBuilder out, String t, Matcher m) {
    int i = 0;
    while (i < t.length()) {
      int d = t.indexOf('$', i);
      if (d < 0) {
        out.append(t, i, t.length());
        return;
      }
      out.append(t, i, d);
      i = d + 1;
      if (i < t.length() && t.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < t.length() && t.charAt(i) == '{';
      int s = brace ? i + 1 : i;
      int e = s;
      while (e < t.length() && (Character.isLetterOrDigit(t.charAt(e)) || t.charAt(e) == '_')) {
        e++;
      }
      if (e == s || (brace && (e >= t.length() || t.charAt(e) != '}'))) {
        out.append('$'); // malformed: the $ is literal
        continue;
      }
      appendGroup(out, t.substring(s, e), m);
      i = brace ? e + 1 : e;
    }
  }

  private static void appendGroup(StringBuilder out, String name, Matcher m) {
    String g = null;
    if (name.chars().allMatch(Character::isDigit)) {
      if (name.length() < 9) {
        int n = Integer.parseInt(name);
        g = n <= m.groupCount() ? m.group(n) : null;
      }
    } else {
      try {
        g = m.group(name);
      } catch (IllegalArgumentException e) {
        g = null; // no such group: expands to nothing, as in Go
      }
    }
    if (g != null) {
      out.append(g);
    }
  }

  /** Go's {@code %q}-like back-quoting that regexp errors use. */
  private static final class GoFmtQuote {
    static String backquote(String s) {
      return s.indexOf('`') < 0 ? "`" + s + "`" : io.moraine.core.labels.GoQuote.quote(s);
    }
  }
}
