package io.moraine.ingest.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A regular expression in Go's RE2 syntax, anchored at both ends as Prometheus anchors relabel
 * regexes ({@code ^(?:re)$}), compiled to a {@link Pattern}. Immutable and thread-safe.
 *
 * <p>The translation keeps Go's meaning where Java's differs: {@code .} does not match only
 * {@code \n} (Prometheus 2.42 does not set {@code (?s)}; {@link Pattern#UNIX_LINES}), {@code (?i)}
 * folds Unicode case, {@code (?P<name>...)} groups become plain groups whose names are kept here
 * (Java forbids {@code _} in group names), POSIX classes {@code [[:alpha:]]} become {@code
 * \p{Alpha}}, and a literal {@code [}, {@code &} inside a class or {@code {} that starts no
 * repetition is escaped. Perl syntax RE2 lacks (look-around, back-references, {@code (?<name>})
 * is refused, as Go refuses it.
 *
 * <p>Match with {@code pattern().matcher(s).matches()}: the whole input must match, which is the
 * anchoring.
 */
final class GoRegex {
  private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

  private final String source;
  private final Pattern pattern;
  private final String[] groupNames;

  private GoRegex(String source, Pattern pattern, String[] groupNames) {
    this.source = source;
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  /**
   * Compiles an RE2 regex.
   *
   * @throws InvalidRelabelConfigException naming the regex when it is not valid RE2 or Java
   */
  static GoRegex compile(String re) {
    List<String> names = new ArrayList<>();
    names.add(""); // group 0, the whole match
    String java = new Translator(re, names).translate();
    Pattern p;
    try {
      p = Pattern.compile(java, FLAGS);
    } catch (PatternSyntaxException e) {
      throw error(e.getDescription(), re);
    }
    if (p.matcher("").groupCount() != names.size() - 1) {
      throw new IllegalStateException("BUG: group count differs after translating " + re);
    }
    return new GoRegex(re, p, names.toArray(String[]::new));
  }

  static InvalidRelabelConfigException error(String what, String re) {
    return new InvalidRelabelConfigException(
        "error parsing regexp: " + what + ": `^(?:" + re + ")$`");
  }

  /** The regex as written, without anchors. */
  String source() {
    return source;
  }

  Pattern pattern() {
    return pattern;
  }

  /** Number of capturing groups, not counting the whole match. */
  int groupCount() {
    return groupNames.length - 1;
  }

  /** The name of group {@code i} ({@code 0..groupCount()}), "" when unnamed. */
  String groupName(int i) {
    return groupNames[i];
  }

  boolean matches(String s) {
    return pattern.matcher(s).matches();
  }

  /** One pass over the RE2 source that writes the Java equivalent and records group names. */
  private static final class Translator {
    private final String re;
    private final List<String> names;
    private final StringBuilder out;
    private int i;

    Translator(String re, List<String> names) {
      this.re = re;
      this.names = names;
      this.out = new StringBuilder(re.length() + 8);
    }

    String translate() {
      while (i < re.length()) {
        char c = re.charAt(i);
        switch (c) {
          case '\\' -> escape();
          case '(' -> group();
          case '[' -> charClass();
          case '{' -> brace();
          default -> {
            out.append(c);
            i++;
          }
        }
      }
      return out.toString();
    }

    /** Copies an escape; {@code \Q...\E}, {@code \x{..}}, {@code \p{..}} are copied whole. */
    private void escape() {
      if (i + 1 >= re.length()) {
        throw error("trailing backslash at end of expression", re);
      }
      char n = re.charAt(i + 1);
      if (n >= '1' && n <= '9') {
        throw error("invalid escape sequence: `\\" + n + "`", re);
      }
      int end = i + 2;
      if (n == 'Q') {
        int e = re.indexOf("\\E", end);
        end = e < 0 ? re.length() : e + 2;
      } else if ((n == 'x' || n == 'p' || n == 'P') && end < re.length() && re.charAt(end) == '{') {
        int e = re.indexOf('}', end);
        end = e < 0 ? re.length() : e + 1;
      }
      out.append(re, i, end);
      i = end;
    }

    private void group() {
      if (!re.startsWith("(?", i)) {
        names.add("");
        out.append('(');
        i++;
        return;
      }
      if (re.startsWith("(?P<", i)) {
        int close = re.indexOf('>', i + 4);
        String name = close < 0 ? "" : re.substring(i + 4, close);
        if (!isCaptureName(name)) {
          String shown = close < 0 ? re.substring(i) : re.substring(i, close + 1);
          throw error("invalid named capture: `" + shown + "`", re);
        }
        names.add(name);
        out.append('(');
        i = close + 1;
        return;
      }
      int j = i + 2;
      while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
        j++;
      }
      boolean closed = j < re.length() && (re.charAt(j) == ')' || re.charAt(j) == ':');
      boolean flagsOk = closed && (j > i + 2 || re.charAt(j) == ':');
      if (!flagsOk) {
        int show = Math.min(re.length(), i + 3);
        throw error("invalid or unsupported Perl syntax: `" + re.substring(i, show) + "`", re);
      }
      for (int k = i + 2; k < j; k++) {
        if ("imsU-".indexOf(re.charAt(k)) < 0 || re.charAt(k) == 'U') {
          // Java reads U as UNICODE_CHARACTER_CLASS, not Go's "ungreedy": refuse rather than
          // differ.
          throw error("invalid or unsupported Perl syntax: `" + re.substring(i, j + 1) + "`", re);
        }
      }
      out.append(re, i, j + 1);
      i = j + 1;
    }

    private void charClass() {
      out.append('[');
      i++;
      if (i < re.length() && re.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      if (i < re.length() && re.charAt(i) == ']') {
        out.append("\\]"); // a ']' first in a class is literal in RE2
        i++;
      }
      while (i < re.length()) {
        char c = re.charAt(i);
        if (c == ']') {
          out.append(']');
          i++;
          return;
        } else if (c == '\\') {
          escape();
        } else if (c == '[') {
          posixClass();
        } else if (c == '&') {
          out.append("\\&");
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
      throw error("missing closing ]: `" + re.substring(re.lastIndexOf('[')) + "`", re);
    }

    private void posixClass() {
      int close = re.startsWith("[:", i) ? re.indexOf(":]", i + 2) : -1;
      if (close < 0) {
        out.append("\\[");
        i++;
        return;
      }
      String name = re.substring(i + 2, close);
      boolean negated = name.startsWith("^");
      String java = posix(negated ? name.substring(1) : name);
      if (java == null) {
        throw error("invalid character class range: `" + re.substring(i, close + 2) + "`", re);
      }
      if (java.equals("word")) {
        out.append(negated ? "\\W" : "\\w"); // ASCII in Java without UNICODE_CHARACTER_CLASS
      } else {
        out.append(negated ? "\\P" : "\\p").append('{').append(java).append('}');
      }
      i = close + 2;
    }

    private static @Nullable String posix(String name) {
      return switch (name) {
        case "alnum" -> "Alnum";
        case "alpha" -> "Alpha";
        case "ascii" -> "ASCII";
        case "blank" -> "Blank";
        case "cntrl" -> "Cntrl";
        case "digit" -> "Digit";
        case "graph" -> "Graph";
        case "lower" -> "Lower";
        case "print" -> "Print";
        case "punct" -> "Punct";
        case "space" -> "Space";
        case "upper" -> "Upper";
        case "word" -> "word";
        case "xdigit" -> "XDigit";
        default -> null;
      };
    }

    /** A '{' that does not start {n}, {n,} or {n,m} is a literal in RE2 but an error in Java. */
    private void brace() {
      int j = i + 1;
      int digits = 0;
      while (j < re.length() && Character.isDigit(re.charAt(j)) && re.charAt(j) < 128) {
        j++;
        digits++;
      }
      if (digits > 0 && j < re.length() && re.charAt(j) == ',') {
        j++;
        while (j < re.length() && re.charAt(j) >= '0' && re.charAt(j) <= '9') {
          j++;
        }
      }
      if (digits > 0 && j < re.length() && re.charAt(j) == '}') {
        out.append(re, i, j + 1);
        i = j + 1;
      } else {
        out.append("\\{");
        i++;
      }
    }

    private static boolean isCaptureName(String name) {
      if (name.isEmpty()) {
        return false;
      }
      for (int k = 0; k < name.length(); k++) {
        char c = name.charAt(k);
        if (!(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
          return false;
        }
      }
      return true;
    }
  }
}
