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
 * <p>The translation (see {@link Re2Syntax}) renames named groups, so {@link #groupNames()} maps
 * them back. {@code .} stops at {@code \n} only, as in Go ({@link Pattern#UNIX_LINES}).
 *
 * @param pattern the compiled pattern
 * @param groupNames for each capture group (index 1..n at list index 0..n-1), its RE2 name or null
 */
public record Re2Pattern(Pattern pattern, List<@Nullable String> groupNames) {
  public Re2Pattern {
    groupNames = Collections.unmodifiableList(new ArrayList<>(groupNames));
  }

  /**
   * Compiles an RE2 expression.
   *
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static Re2Pattern compile(String re2) {
    Re2Syntax.Translation t = Re2Syntax.translate(re2);
    if (t.error() != null) {
      throw invalid(re2, t.error());
    }
    try {
      return new Re2Pattern(Pattern.compile(t.java(), Pattern.UNIX_LINES), t.groupNames());
    } catch (PatternSyntaxException e) {
      throw invalid(re2, e.getDescription());
    }
  }

  /**
   * Go's error for an invalid RE2 expression ({@code error parsing regexp: ...}), or null when it
   * compiles.
   */
  public static @Nullable String syntaxError(String re2) {
    Re2Syntax.Translation t = Re2Syntax.translate(re2);
    if (t.error() != null) {
      return "error parsing regexp: " + t.error();
    }
    try {
      Pattern.compile(t.java());
      return null;
    } catch (PatternSyntaxException e) {
      return "error parsing regexp: " + e.getDescription() + ": `" + re2 + "`";
    }
  }

  /** The Java spelling of an RE2 expression, for code that compiles it itself. */
  public static String javaSyntax(String re2) {
    return Re2Syntax.translate(re2).java();
  }

  /** The names of the named groups in {@code re2}, in order, whether or not it compiles. */
  public static List<String> namedGroups(String re2) {
    List<String> names = new ArrayList<>();
    for (String n : Re2Syntax.translate(re2).groupNames()) {
      if (n != null) {
        names.add(n);
      }
    }
    return names;
  }

  private static IllegalArgumentException invalid(String re, String why) {
    return new IllegalArgumentException("invalid regular expression \"" + re + "\": " + why);
  }

  /** The number of capture groups. */
  public int groupCount() {
    return groupNames.size();
  }
}
