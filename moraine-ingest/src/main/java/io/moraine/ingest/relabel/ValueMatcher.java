package io.moraine.ingest.relabel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a whole string matches an anchored RE2 regex, skipping the regex engine for the shapes
 * metric relabeling is written in: a finite set of literals ({@code up}, {@code a|b}, {@code
 * kubelet_(x|y)_total}) and such a set followed by {@code .*} or {@code .+} ({@code
 * container_spec_.*}). Those shapes match without allocating. Immutable and thread-safe.
 *
 * <p>{@code .} does not match {@code \n} (Prometheus 2.42 compiles relabel regexes without {@code
 * (?s)}), so a wildcard tail must be free of newlines.
 */
sealed interface ValueMatcher {
  /**
   * The largest literal set expanded from groups; beyond it the regex engine is used. Kube-
   * prometheus drop lists have 4 to 20 names; 256 keeps set building cheap for odd configs.
   */
  int MAX_LITERALS = 256;

  boolean matches(String s);

  static ValueMatcher of(GoRegex regex) {
    String re = regex.source();
    Set<String> lits = LiteralSet.expand(re);
    if (lits != null) {
      return lits.size() == 1 ? new One(lits.iterator().next()) : new AnyOf(Set.copyOf(lits));
    }
    if (re.endsWith(".*") || re.endsWith(".+")) {
      String head = re.substring(0, re.length() - 2);
      Set<String> prefixes = LiteralSet.isSingleBranch(head) ? LiteralSet.expand(head) : null;
      if (prefixes != null && !head.endsWith("\\")) {
        return new Prefixes(prefixes.toArray(String[]::new), re.endsWith(".+"));
      }
    }
    return new Engine(regex);
  }

  /** Exactly one string. */
  record One(String literal) implements ValueMatcher {
    @Override
    public boolean matches(String s) {
      return literal.equals(s);
    }
  }

  /** One of a set of strings. */
  record AnyOf(Set<String> literals) implements ValueMatcher {
    @Override
    public boolean matches(String s) {
      return literals.contains(s);
    }
  }

  /** One of the prefixes, then any run of characters other than {@code \n}. */
  record Prefixes(String[] prefixes, boolean nonEmptyTail) implements ValueMatcher {
    @Override
    public boolean matches(String s) {
      for (String p : prefixes) {
        if (s.startsWith(p)
            && (!nonEmptyTail || s.length() > p.length())
            && s.indexOf('\n', p.length()) < 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Prefixes p
          && Arrays.equals(prefixes, p.prefixes)
          && nonEmptyTail == p.nonEmptyTail;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(prefixes) * 31 + Boolean.hashCode(nonEmptyTail);
    }

    @Override
    public String toString() {
      return "Prefixes" + Arrays.toString(prefixes) + (nonEmptyTail ? ".+" : ".*");
    }
  }

  /** Anything else: the compiled pattern. */
  record Engine(GoRegex regex) implements ValueMatcher {
    @Override
    public boolean matches(String s) {
      return regex.matches(s);
    }
  }

  /**
   * Expands a regex made only of literal characters, escaped punctuation, alternation and groups
   * ({@code (...)}, {@code (?:...)}, {@code (?P<n>...)}) into the strings it matches.
   */
  final class LiteralSet {
    private final String re;
    private int pos;

    private LiteralSet(String re) {
      this.re = re;
    }

    /** The strings {@code re} matches in full, or null when it is not of that shape or too many. */
    static @Nullable Set<String> expand(String re) {
      LiteralSet p = new LiteralSet(re);
      List<String> out = p.alternation();
      return out == null || p.pos != re.length() ? null : new HashSet<>(out);
    }

    /** True when {@code re} has no {@code |} outside groups, so a tail binds to all of it. */
    static boolean isSingleBranch(String re) {
      int depth = 0;
      for (int i = 0; i < re.length(); i++) {
        char c = re.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '|' && depth == 0) {
          return false;
        }
      }
      return true;
    }

    private @Nullable List<String> alternation() {
      List<String> all = new ArrayList<>();
      while (true) {
        List<String> branch = concatenation();
        if (branch == null) {
          return null;
        }
        all.addAll(branch);
        if (all.size() > MAX_LITERALS) {
          return null;
        }
        if (pos < re.length() && re.charAt(pos) == '|') {
          pos++;
        } else {
          return all;
        }
      }
    }

    private @Nullable List<String> concatenation() {
      List<String> acc = new ArrayList<>(List.of(""));
      while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        List<String> item = item();
        if (item == null || acc.size() * item.size() > MAX_LITERALS) {
          return null;
        }
        List<String> next = new ArrayList<>(acc.size() * item.size());
        for (String a : acc) {
          for (String b : item) {
            next.add(a + b);
          }
        }
        acc = next;
      }
      return acc;
    }

    private @Nullable List<String> item() {
      char c = re.charAt(pos);
      if (c == '(') {
        if (re.startsWith("(?:", pos)) {
          pos += 3;
        } else if (re.startsWith("(?P<", pos)) {
          int close = re.indexOf('>', pos);
          if (close < 0) {
            return null;
          }
          pos = close + 1;
        } else if (re.startsWith("(?", pos)) {
          return null; // flags such as (?i) change what the literals match
        } else {
          pos++;
        }
        List<String> inner = alternation();
        if (inner == null || pos >= re.length() || re.charAt(pos) != ')') {
          return null;
        }
        pos++;
        return quantified() ? null : inner;
      }
      String ch;
      if (c == '\\') {
        if (pos + 1 >= re.length() || Character.isLetterOrDigit(re.charAt(pos + 1))) {
          return null; // \d, \w, \pL, \Q, \x... are not single literals
        }
        ch = String.valueOf(re.charAt(pos + 1));
        pos += 2;
      } else if ("[]{}.*+?^$".indexOf(c) >= 0) {
        return null;
      } else {
        ch = String.valueOf(c);
        pos++;
      }
      return quantified() ? null : List.of(ch);
    }

    private boolean quantified() {
      return pos < re.length() && "*+?{".indexOf(re.charAt(pos)) >= 0;
    }
  }
}
