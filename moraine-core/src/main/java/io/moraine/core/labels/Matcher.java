package io.moraine.core.labels;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A label matcher: {@code =}, {@code !=}, {@code =~}, {@code !~}. Immutable and thread-safe.
 *
 * <p>Regular expressions are anchored at both ends, as in Prometheus. Common shapes skip the regex
 * engine: a plain literal, a literal prefix followed by {@code .*}, an alternation of literals
 * ({@code a|b|c}), and {@code .*} / {@code .+}. A missing label matches as the empty string.
 */
public final class Matcher {
  /** Matcher kinds with their PromQL spelling. */
  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String op;

    Type(String op) {
      this.op = op;
    }

    public String op() {
      return op;
    }
  }

  private final Type type;
  private final String name;
  private final String value;
  private final StringMatcher fast;

  private Matcher(Type type, String name, String value, StringMatcher fast) {
    this.type = type;
    this.name = name;
    this.value = value;
    this.fast = fast;
  }

  /**
   * Creates a matcher.
   *
   * @throws InvalidMatcherException when a regex does not compile; the message names it
   */
  public static Matcher of(Type type, String name, String value) {
    Objects.requireNonNull(type);
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
    StringMatcher sm =
        switch (type) {
          case EQ, NEQ -> new Literal(value);
          case RE, NRE -> compileRegex(value);
        };
    return new Matcher(type, name, value, sm);
  }

  public static Matcher eq(String name, String value) {
    return of(Type.EQ, name, value);
  }

  public static Matcher neq(String name, String value) {
    return of(Type.NEQ, name, value);
  }

  public static Matcher re(String name, String regex) {
    return of(Type.RE, name, regex);
  }

  public static Matcher nre(String name, String regex) {
    return of(Type.NRE, name, regex);
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether a label value (empty string when the label is absent) satisfies this matcher. */
  public boolean matches(String labelValue) {
    boolean m = fast.matches(labelValue);
    return (type == Type.EQ || type == Type.RE) == m;
  }

  /** Whether the empty string matches, i.e. series without this label are selected. */
  public boolean matchesEmpty() {
    return matches("");
  }

  /**
   * For {@code =~} matchers that are a finite set of literals ({@code a|b|c}, or one literal), the
   * set; else null. Lets an index look values up instead of scanning them.
   */
  public @Nullable List<String> setMatches() {
    if (type != Type.RE) {
      return null;
    }
    if (fast instanceof Literal l) {
      return List.of(l.literal);
    }
    if (fast instanceof Alternation a) {
      return Arrays.asList(a.literals.clone());
    }
    return null;
  }

  /** For regexes that begin with a literal prefix, that prefix; else "". */
  public String literalPrefix() {
    if (fast instanceof Prefix p) {
      return p.prefix;
    }
    return "";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  @Override
  public String toString() {
    return name + type.op + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  // --- string matchers -------------------------------------------------------------------------

  private interface StringMatcher {
    boolean matches(String s);
  }

  private record Literal(String literal) implements StringMatcher {
    @Override
    public boolean matches(String s) {
      return literal.equals(s);
    }
  }

  /** {@code .*} or {@code .+}: any value without a newline (Go's '.' stops at {@code \n}). */
  private record Any(boolean nonEmpty) implements StringMatcher {
    @Override
    public boolean matches(String s) {
      return (!nonEmpty || !s.isEmpty()) && s.indexOf('\n') < 0;
    }
  }

  private record Prefix(String prefix, boolean nonEmptyRest) implements StringMatcher {
    @Override
    public boolean matches(String s) {
      return s.startsWith(prefix)
          && (!nonEmptyRest || s.length() > prefix.length())
          && s.indexOf('\n', prefix.length()) < 0;
    }
  }

  private record Alternation(String[] literals) implements StringMatcher {
    @Override
    public boolean matches(String s) {
      for (String l : literals) {
        if (l.equals(s)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Regex(Pattern pattern) implements StringMatcher {
    @Override
    public boolean matches(String s) {
      return pattern.matcher(s).matches();
    }
  }

  private static StringMatcher compileRegex(String re) {
    Pattern p;
    try {
      // Prometheus 2.42 compiles ^(?:re)$ without (?s): '.' matches anything but '\n', which is
      // Java's '.' with UNIX_LINES. RE2's named groups (?P<name>...) are Java's (?<name>...).
      p = Pattern.compile(re.replace("(?P<", "(?<"), Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new InvalidMatcherException(
          "invalid regular expression \"" + re + "\": " + e.getDescription());
    }
    if (re.equals(".*")) {
      return new Any(false);
    }
    if (re.equals(".+")) {
      return new Any(true);
    }
    String lit = plainLiteral(re);
    if (lit != null) {
      return new Literal(lit);
    }
    if (re.endsWith(".*") || re.endsWith(".+")) {
      String head = plainLiteral(re.substring(0, re.length() - 2));
      if (head != null) {
        return new Prefix(head, re.endsWith(".+"));
      }
    }
    String[] parts = splitTopLevelAlternation(re);
    if (parts != null) {
      String[] lits = new String[parts.length];
      for (int i = 0; i < parts.length; i++) {
        String l = plainLiteral(parts[i]);
        if (l == null) {
          return new Regex(p);
        }
        lits[i] = l;
      }
      return new Alternation(lits);
    }
    return new Regex(p);
  }

  /** The literal a regex stands for when it has no metacharacters (escapes resolved), else null. */
  private static @Nullable String plainLiteral(String re) {
    StringBuilder sb = new StringBuilder(re.length());
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= re.length()) {
          return null;
        }
        char n = re.charAt(i + 1);
        if (Character.isLetterOrDigit(n)) {
          return null; // \d, \w, \1 ... are classes or references, not literals
        }
        sb.append(n);
        i++;
      } else if ("[](){}.*+?^$|".indexOf(c) >= 0) {
        return null;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Splits {@code a|b|c} (optionally wrapped in one group) at top-level bars, else null. */
  private static String @Nullable [] splitTopLevelAlternation(String re) {
    String body = re;
    if (body.startsWith("(?:") && body.endsWith(")")) {
      body = body.substring(3, body.length() - 1);
    } else if (body.startsWith("(") && body.endsWith(")")) {
      body = body.substring(1, body.length() - 1);
    }
    if (body.indexOf('|') < 0 || body.indexOf('(') >= 0 || body.indexOf('[') >= 0) {
      return null;
    }
    return body.split("\\|", -1);
  }
}
