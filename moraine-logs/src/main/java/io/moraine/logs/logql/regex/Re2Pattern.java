package io.moraine.logs.logql.regex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A Go (RE2) regular expression compiled for {@link java.util.regex}. Immutable and thread-safe.
 *
 * <p>Translated: named groups {@code (?P<name>…)} and {@code (?<name>…)} (RE2 allows {@code _} in
 * names, Java does not, so groups are renamed and {@link #groupNames()} maps them back), POSIX
 * classes {@code [[:alpha:]]}, {@code \z}. {@code .} stops at {@code \n} only, as in Go ({@link
 * Pattern#UNIX_LINES}).
 *
 * @param pattern the compiled pattern
 * @param groupNames for each capture group (index 1..n at list index 0..n-1), its RE2 name or null
 */
public record Re2Pattern(Pattern pattern, List<@Nullable String> groupNames) {
  private static final String[][] POSIX = {
    {"[:alnum:]", "\\p{Alnum}"},
    {"[:alpha:]", "\\p{Alpha}"},
    {"[:ascii:]", "\\p{ASCII}"},
    {"[:blank:]", "\\p{Blank}"},
    {"[:cntrl:]", "\\p{Cntrl}"},
    {"[:digit:]", "\\p{Digit}"},
    {"[:graph:]", "\\p{Graph}"},
    {"[:lower:]", "\\p{Lower}"},
    {"[:print:]", "\\p{Print}"},
    {"[:punct:]", "\\p{Punct}"},
    {"[:space:]", "\\s"},
    {"[:upper:]", "\\p{Upper}"},
    {"[:word:]", "\\w"},
    {"[:xdigit:]", "\\p{XDigit}"},
  };

  public Re2Pattern {
    groupNames = Collections.unmodifiableList(new ArrayList<>(groupNames));
  }

  /**
   * Compiles an RE2 expression.
   *
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static Re2Pattern compile(String re2) {
    StringBuilder out = new StringBuilder(re2.length() + 8);
    List<@Nullable String> names = new ArrayList<>();
    boolean inClass = false;
    int i = 0;
    while (i < re2.length()) {
      char c = re2.charAt(i);
      if (c == '\\' && i + 1 < re2.length()) {
        out.append(c).append(re2.charAt(i + 1));
        i += 2;
      } else if (c == '[' && posix(re2, i) instanceof String[] p) {
        out.append(p[1]);
        i += p[0].length();
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
        i++;
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        i++;
        if (i < re2.length() && re2.charAt(i) == '^') {
          out.append('^');
          i++;
        }
        if (i < re2.length() && re2.charAt(i) == ']') {
          out.append("\\]");
          i++;
        }
      } else if (namedGroupAt(re2, i)) {
        int nameStart = re2.indexOf('<', i) + 1;
        int end = re2.indexOf('>', nameStart);
        if (end < 0) {
          throw invalid(re2, "invalid named capture");
        }
        names.add(re2.substring(nameStart, end));
        out.append("(?<g").append(names.size()).append('>');
        i = end + 1;
      } else {
        if (c == '(' && !re2.startsWith("(?", i)) {
          names.add(null);
        }
        out.append(c);
        i++;
      }
    }
    try {
      return new Re2Pattern(Pattern.compile(out.toString(), Pattern.UNIX_LINES), names);
    } catch (PatternSyntaxException e) {
      throw invalid(re2, e.getDescription());
    }
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

  private static String @Nullable [] posix(String re, int i) {
    for (String[] p : POSIX) {
      if (re.startsWith(p[0], i)) {
        return p;
      }
    }
    return null;
  }

  private static IllegalArgumentException invalid(String re, String why) {
    return new IllegalArgumentException("invalid regular expression \"" + re + "\": " + why);
  }

  /** The number of capture groups. */
  public int groupCount() {
    return groupNames.size();
  }
}
