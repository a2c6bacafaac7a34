package io.moraine.logs.logql.regex;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RE2 (Go) syntax against java.util.regex: the Java spelling of an RE2 expression and the RE2
 * refusals Java would accept. Stateless.
 *
 * <p>Translated: named groups {@code (?P<name>…)} and {@code (?<name>…)} (renamed {@code g1},
 * {@code g2}… since RE2 allows {@code _} in names and Java does not), a {@code {} that starts no
 * repetition, {@code [} and {@code &&} inside a class (literals in RE2), POSIX classes {@code
 * [[:alpha:]]} and {@code [[:^alpha:]]}. Refused: backreferences and unknown letter escapes,
 * lookaround and atomic groups, possessive quantifiers.
 */
final class Re2Syntax {
  /** The letters RE2 accepts after a backslash. */
  private static final String RE2_LETTER_ESCAPES = "aftnrvxdDsSwWbBAzpPQEC";

  private static final String[] LOOKAROUND = {"(?=", "(?!", "(?<=", "(?<!", "(?>"};

  private Re2Syntax() {}

  /**
   * An expression in Java's spelling.
   *
   * @param java the Java regex
   * @param groupNames for each capture group, its RE2 name or null
   * @param error Go's description of what RE2 refuses in the expression, or null
   */
  record Translation(String java, List<@Nullable String> groupNames, @Nullable String error) {}

  static Translation translate(String re) {
    StringBuilder out = new StringBuilder(re.length() + 8);
    List<@Nullable String> names = new ArrayList<>();
    String refused = null;
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(++i);
        boolean letter = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z');
        if ((n >= '1' && n <= '9') || (letter && RE2_LETTER_ESCAPES.indexOf(n) < 0)) {
          refused = first(refused, "invalid escape sequence: `\\" + n + "`");
        }
        out.append(c).append(n);
      } else if (inClass) {
        if (c == ']') {
          out.append(c);
          inClass = false;
        } else {
          i = classChar(re, i, out);
        }
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          out.append(re.charAt(++i));
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
      } else if (namedGroupAt(re, i)) {
        int nameStart = re.indexOf('<', i) + 1;
        int end = re.indexOf('>', nameStart);
        if (end < 0) {
          return new Translation(re, names, first(refused, "invalid named capture"));
        }
        names.add(re.substring(nameStart, end));
        out.append("(?<g").append(names.size()).append('>');
        i = end;
      } else if (c == '(') {
        if (!re.startsWith("(?", i)) {
          names.add(null);
        }
        for (String look : LOOKAROUND) {
          if (re.startsWith(look, i)) {
            refused = first(refused, "invalid or unsupported Perl syntax: `" + look + "`");
          }
        }
        out.append(c);
      } else if (c == '{' && validRepetition(re, i) < 0) {
        out.append("\\{");
      } else {
        if ((c == '*' || c == '+' || c == '?' || c == '}') && nestedRepetition(re, i)) {
          refused =
              first(refused, "invalid nested repetition operator: `" + c + re.charAt(i + 1) + "`");
        }
        out.append(c);
      }
    }
    return new Translation(out.toString(), names, refused);
  }

  private static @Nullable String first(@Nullable String found, String next) {
    return found != null ? found : next;
  }

  private static boolean namedGroupAt(String re, int i) {
    if (re.startsWith("(?P<", i)) {
      return true;
    }
    return re.startsWith("(?<", i)
        && i + 3 < re.length()
        && re.charAt(i + 3) != '='
        && re.charAt(i + 3) != '!';
  }

  /** Whether the operator at {@code i} is followed by another ({@code a**}, {@code a{2}+}). */
  private static boolean nestedRepetition(String re, int i) {
    if (i + 1 >= re.length()) {
      return false;
    }
    char c = re.charAt(i);
    char n = re.charAt(i + 1);
    boolean nested =
        n == '+' || n == '*' || (n == '?' && i + 2 < re.length() && re.charAt(i + 2) == '?');
    return nested && (c != '}' || repetitionClose(re, i));
  }

  private static boolean repetitionClose(String re, int close) {
    int open = re.lastIndexOf('{', close);
    return open >= 0 && validRepetition(re, open) == close + 1;
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
          char letter = java.charAt(1);
          sb.append('\\').append(negated ? Character.toUpperCase(letter) : letter);
          sb.append(java, 2, java.length());
          return end + 1;
        }
      }
    }
    if (c == '[' || (c == '&' && i + 1 < re.length() && re.charAt(i + 1) == '&')) {
      sb.append('\\');
    }
    sb.append(c);
    return i;
  }

  /**
   * The Java class for a POSIX class name ({@code \\p}, {@code \\s}, {@code \\w}: upper case
   * negates).
   */
  private static @Nullable String posix(String name) {
    return switch (name) {
      case "alpha" -> "\\p{Alpha}";
      case "digit" -> "\\p{Digit}";
      case "alnum" -> "\\p{Alnum}";
      case "upper" -> "\\p{Upper}";
      case "lower" -> "\\p{Lower}";
      case "space" -> "\\s";
      case "punct" -> "\\p{Punct}";
      case "xdigit" -> "\\p{XDigit}";
      case "blank" -> "\\p{Blank}";
      case "cntrl" -> "\\p{Cntrl}";
      case "graph" -> "\\p{Graph}";
      case "print" -> "\\p{Print}";
      case "ascii" -> "\\p{ASCII}";
      case "word" -> "\\w";
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
}
