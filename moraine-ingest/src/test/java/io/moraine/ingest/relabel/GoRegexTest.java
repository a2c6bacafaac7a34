package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RE2 syntax read with Go's meaning on Java's engine. */
class GoRegexTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a.c", "a\nc", false), // no (?s) in 2.42
        Arguments.of("a.c", "a\rc", true), // only \n is excluded
        Arguments.of("a.c", "a\u2028c", true),
        Arguments.of("(?s)a.c", "a\nc", true),
        Arguments.of("[[:alpha:]]+", "abcXYZ", true),
        Arguments.of("[[:alpha:]]+", "abc1", false),
        Arguments.of("[[:^digit:]]+", "abc", true),
        Arguments.of("[[:word:]]+", "a_1", true),
        Arguments.of("[]a]+", "]a]", true), // ']' first in a class is literal
        Arguments.of("[[]", "[", true), // '[' in a class is literal
        Arguments.of("[a&&b]", "&", true), // no intersection in RE2
        Arguments.of("{x}", "{x}", true), // a brace that starts no repetition is literal
        Arguments.of("a{2}", "aa", true),
        Arguments.of("a{2,}", "aaa", true),
        Arguments.of("a{,2}", "a{,2}", true),
        Arguments.of("(?i)straße", "STRASSE", false),
        Arguments.of("(?i)k", "\u212a", true), // Unicode folding: the Kelvin sign
        Arguments.of("\\x{41}\\pL", "AB", true),
        Arguments.of("\\Q(a)\\E", "(a)", true),
        Arguments.of("(?P<n_1>a)(b)", "ab", true),
        Arguments.of(
            "a|ab", "ab", true), // anchored: the engine must backtrack into the second branch
        Arguments.of("(?m)a$", "a", true));
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @MethodSource("cases")
  void matchesAsGo(String re, String input, boolean matches) {
    assertThat(GoRegex.compile(re).matches(input)).isEqualTo(matches);
  }

  @Test
  void keepsGroupNamesAndNumbering() {
    GoRegex re = GoRegex.compile("(?P<first_name>a)(?:b)(c)(?i:d)(?P<x>e)");
    assertThat(re.groupCount()).isEqualTo(3);
    assertThat(re.groupName(1)).isEqualTo("first_name");
    assertThat(re.groupName(2)).isEmpty();
    assertThat(re.groupName(3)).isEqualTo("x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(?=a)",
        "(?!a)",
        "(?<=a)b",
        "(?<n>a)",
        "(?>a)",
        "(a)\\1",
        "(?P<>a)",
        "(?P<a-b>a)",
        "(?P=n)",
        "(?U)a+",
        "a\\",
        "[a",
        "(a",
        "a)",
        "*a"
      })
  void refusesWhatRe2Refuses(String re) {
    assertThatThrownBy(() -> GoRegex.compile(re))
        .isInstanceOf(InvalidRelabelConfigException.class)
        .hasMessageStartingWith("error parsing regexp: ");
  }
}
