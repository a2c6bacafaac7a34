package io.moraine.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Prometheus 2.42 compiles regex matchers as {@code ^(?:re)$} without {@code (?s)}: '.' does not
 * match a newline, on the regex engine and on every fast path alike.
 */
class MatcherNewlineTest {
  @Test
  void dotStopsAtANewlineOnEveryPath() {
    assertThat(Matcher.re("a", ".*").matches("x\ny")).isFalse(); // fast path .*
    assertThat(Matcher.re("a", ".+").matches("x\ny")).isFalse(); // fast path .+
    assertThat(Matcher.re("a", "x.*").matches("x\ny")).isFalse(); // literal prefix
    assertThat(Matcher.re("a", "x.y").matches("x\ny")).isFalse(); // regex engine
    assertThat(Matcher.re("a", "x\\ny").matches("x\ny")).isTrue();
    assertThat(Matcher.re("a", "(?s)x.y").matches("x\ny")).isTrue();
    assertThat(Matcher.re("a", ".*").matches("x\ry")).isTrue(); // only \n is special
    assertThat(Matcher.nre("a", ".*").matches("x\ny")).isTrue();
  }

  @Test
  void re2NamedGroupsCompile() {
    assertThat(Matcher.re("a", "(?P<x>ab)c").matches("abc")).isTrue();
  }
}
