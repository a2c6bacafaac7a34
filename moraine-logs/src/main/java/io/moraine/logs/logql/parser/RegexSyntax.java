package io.moraine.logs.logql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Checks RE2 (Go) regular expressions with java.util.regex: translates the RE2 spellings Java
 * reads differently ({@code (?P<n>}, a {@code {} that starts no repetition, {@code [} and POSIX
 * classes inside a class) and rejects what RE2 refuses but Java accepts (backreferences,
 * lookaround, possessive quantifiers).
 */
final class RegexSyntax {
  /** The letters RE2 accepts after a backslash. */
  private static final String RE2_LETTER_ESCAPES = "aftnrvxdDsSwWbBAzpPQEC";

  private RegexSyntax() {}

  /** Go's error text for an invalid RE2 regex ({@code error parsing regexp: ...}), else null. */
  static @Nullable String error(String re) {
    String unsupported = unsupported(re);
    if (unsupported != null) {
      return "error parsing regexp: " + unsupported;
    }
    try {
      Pattern.compile(toJava(re));
      return null;
    } catch (PatternSyntaxException e) {
      return "error parsing regexp: " + e.getDescription() + ": `" + re + "`";
    }
  }

  private static @Nullable String unsupported(String re) {
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(i + 1);
        boolean letter = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z');
        if ((n >= '1' && n <= '9') || (letter && RE2_LETTER_ESCAPES.indexOf(n) < 0)) {
          return "invalid escape sequence: `\\" + n + "`";
        }
        i++;
      } else if (c == '(' && re.startsWith("(?", i)) {
        for (String look : new String[] {"(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
          if (re.startsWith(look, i)) {
            return "invalid or unsupported Perl syntax: `" + look + "`";
          }
        }
      } else if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < re.length()) {
        char n = re.charAt(i + 1);
        if (n == '+' || n == '*' || (n == '?' && i + 2 < re.length() && re.charAt(i + 2) == '?')) {
          if (c != '}' || repetitionClose(re, i)) {
            return "invalid nested repetition operator: `" + c + n + "`";
          }
        }
      }
    }
    return null;
  }

  private static boolean repetitionClose(String re, int close) {
    int open = re.lastIndexOf('{', close);
    return open >= 0 && validRepetition(re, open) == close + 1;
  }

  /** The Java spelling of an RE2 regex. */
  static String toJava(String re) {
    StringBuilder sb = new StringBuilder(re.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        sb.append(c).append(re.charAt(++i));
      } else if (inClass) {
        if (c == ']') {
          sb.append(c);
          inClass = false;
        } else {
          i = classChar(re, i, sb);
        }
      } else if (c == '[') {
        inClass = true;
        sb.append(c);
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          sb.append(re.charAt(++i));
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          sb.append("\\]");
          i++;
        }
      } else if (re.startsWith("(?P<", i)) {
        sb.append("(?<");
        i += 3;
      } else if (c == '{' && validRepetition(re, i) < 0) {
        sb.append("\\{");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Appends one character-class element at {@code i}; returns the last index consumed. */
  private static int classChar(String re, int i, StringBuilder sb) {
    char c = re.charAt(i);
    if (c == '[' && re.startsWith("[:", i)) {
      int end = re.indexOf(":]", i + 2);
      if (end > 0) {
        String name = re.substring(i + 2, end);
        boolean negated = name.startsWith("^");
        String java = posix(negated ? name.substring(1) : name);
        if (java != null) {
          sb.append(negated ? "\\P{" : "\\p{").append(java).append('}');
          return end + 1;
        }
      }
    }
    if (c == '[' || (c == '&' && i + 1 < re.length() && re.charAt(i + 1) == '&')) {
      sb.append('\\').append(c);
      return i;
    }
    sb.append(c);
    return i;
  }

  private static @Nullable String posix(String name) {
    return switch (name) {
      case "alpha" -> "Alpha";
      case "digit" -> "Digit";
      case "alnum" -> "Alnum";
      case "upper" -> "Upper";
      case "lower" -> "Lower";
      case "space" -> "Space";
      case "punct" -> "Punct";
      case "xdigit" -> "XDigit";
      case "blank" -> "Blank";
      case "cntrl" -> "Cntrl";
      case "graph" -> "Graph";
      case "print" -> "Print";
      case "ascii" -> "ASCII";
      case "word" -> "Alnum";
      default -> null;
    };
  }

  /** The index after a repetition {@code {n}}, {@code {n,}}, {@code {n,m}} at {@code i}, or -1. */
  private static int validRepetition(String re, int i) {
    int j = i + 1;
    int digits = 0;
    while (j < re.length() && Character.isDigit(re.charAt(j))) {
      j++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (j < re.length() && re.charAt(j) == ',') {
      j++;
      while (j < re.length() && Character.isDigit(re.charAt(j))) {
        j++;
      }
    }
    return j < re.length() && re.charAt(j) == '}' ? j + 1 : -1;
  }

  /** The names of the named groups, {@code (?P<n>} or {@code (?<n>}, in order. */
  static List<String> groupNames(String re) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        int start = re.startsWith("(?P<", i) ? i + 4 : re.startsWith("(?<", i) ? i + 3 : -1;
        int end = start < 0 ? -1 : re.indexOf('>', start);
        if (end > start) {
          names.add(re.substring(start, end));
        }
      }
    }
    return names;
  }
}
