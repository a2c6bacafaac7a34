package io.moraine.ingest.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine-free shapes agree with the regex engine, and are chosen where they apply. */
class ValueMatcherTest {
  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "up => One",
        "a|b|c => AnyOf",
        "container_(network_tcp_usage_total|tasks_state) => AnyOf",
        "(?:a|b)_(?P<x>c|d) => AnyOf",
        "a\\.b => One",
        "a||b => AnyOf",
        "container_spec_.* => Prefixes",
        "(apiserver|etcd)_.+ => Prefixes",
        ".* => Prefixes",
        "a|b.* => Engine",
        "(?i)up => Engine",
        "a+ => Engine",
        "a\\d => Engine",
        "[ab] => Engine",
        "^up$ => Engine",
        "a\\.* => Engine"
      })
  void choosesShape(String re, String shape) {
    assertThat(ValueMatcher.of(GoRegex.compile(re)).getClass().getSimpleName()).isEqualTo(shape);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "up",
        "a|b|c",
        "a||b",
        "x_(a|b)_(c|d)",
        "(a|)b",
        "ab.*",
        "ab.+",
        ".*",
        ".+",
        "(a|ab).*",
        "a\\.b",
        "a\\|b",
        "(?:a|b)c|d",
        "a|b.*",
        "()",
        "",
        "a(b(c|d)|e)f"
      })
  void agreesWithEngine(String re) {
    GoRegex compiled = GoRegex.compile(re);
    ValueMatcher fast = ValueMatcher.of(compiled);
    Random rnd = new Random(re.hashCode());
    List<String> inputs = new ArrayList<>(List.of("", "a", "ab", "abc", "a|b", "a.b", "ab\nc"));
    String alphabet = "abcdef._|\n";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(7);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      inputs.add(sb.toString());
    }
    for (String s : inputs) {
      assertThat(fast.matches(s)).as("%s on %s", re, s).isEqualTo(compiled.matches(s));
    }
  }

  @Test
  void tooManyLiteralsFallBackToEngine() {
    String group = "(a|b|c|d|e|f|g|h)";
    assertThat(ValueMatcher.of(GoRegex.compile(group + group + group + group)))
        .isInstanceOf(ValueMatcher.Engine.class);
  }

  @Test
  void regexIsCompiledFirst() {
    assertThatThrownBy(() -> ValueMatcher.of(GoRegex.compile("a(")))
        .isInstanceOf(InvalidRelabelConfigException.class);
  }
}
