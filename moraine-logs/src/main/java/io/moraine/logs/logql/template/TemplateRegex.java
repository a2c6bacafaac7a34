package io.moraine.logs.logql.template;

import io.moraine.logs.logql.regex.Re2Pattern;
import java.util.regex.Matcher;

/** A compiled regex for regexReplaceAll, regexReplaceAllLiteral and count, with Go's expansion. */
final class TemplateRegex {
  private final Re2Pattern re;

  TemplateRegex(Re2Pattern re) {
    this.re = re;
  }

  int count(String s) {
    Matcher m = re.pattern().matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Go's {@code ReplaceAllString} ({@code $1}, {@code ${name}}) or the literal variant. */
  String replaceAll(String s, String repl, boolean literal) {
    Matcher m = re.pattern().matcher(s);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(s, last, m.start());
      if (literal) {
        sb.append(repl);
      } else {
        expand(m, repl, sb);
      }
      last = m.end();
      if (m.end() == m.start()) {
        if (m.end() >= s.length()) {
          break;
        }
        if (!m.find(m.end() + 1)) {
          sb.append(s, last, s.length());
          return sb.toString();
        }
        m.region(last + 1, s.length());
      }
    }
    return sb.append(s, last, s.length()).toString();
  }

  /** Go's template expansion: {@code $name} takes the longest run of word characters. */
  private void expand(Matcher m, String repl, StringBuilder out) {
    int i = 0;
    while (i < repl.length()) {
      char c = repl.charAt(i);
      if (c != '$' || i + 1 >= repl.length()) {
        out.append(c);
        i++;
        continue;
      }
      if (repl.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int next;
      if (repl.charAt(i + 1) == '{') {
        int close = repl.indexOf('}', i + 2);
        if (close < 0) {
          out.append(c);
          i++;
          continue;
        }
        name = repl.substring(i + 2, close);
        next = close + 1;
      } else {
        int j = i + 1;
        while (j < repl.length()
            && (Character.isLetterOrDigit(repl.charAt(j)) || repl.charAt(j) == '_')) {
          j++;
        }
        if (j == i + 1) {
          out.append(c);
          i++;
          continue;
        }
        name = repl.substring(i + 1, j);
        next = j;
      }
      out.append(group(m, name));
      i = next;
    }
  }

  private String group(Matcher m, String name) {
    int idx = -1;
    if (name.chars().allMatch(Character::isDigit)) {
      idx = Integer.parseInt(name);
    } else {
      idx = re.groupNames().indexOf(name) + 1;
      if (idx == 0) {
        return "";
      }
    }
    if (idx > m.groupCount()) {
      return "";
    }
    String g = m.group(idx);
    return g == null ? "" : g;
  }
}
