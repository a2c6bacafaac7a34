package io.moraine.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.moraine.promql.ast.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every query of {@code prometheus-2.42.golden} against what Prometheus 2.42.0 answered for it: the
 * {@code format_query} text of a valid query (and, where it fits on one line, {@code String()}), or
 * the exact parse error with its position.
 */
class GoldenTest {
  private static final String FILE = "prometheus-2.42.golden";

  /** One query and Prometheus's answer. */
  record Case(int line, String query, boolean ok, String expected) {}

  @TestFactory
  Stream<DynamicTest> matchesPrometheus() throws IOException {
    return load().stream()
        .map(c -> dynamicTest(FILE + ":" + c.line() + " " + c.query(), () -> check(c)));
  }

  @Test
  void coversValidAndInvalidQueries() throws IOException {
    List<Case> cases = load();
    assertThat(cases).hasSizeGreaterThan(1000);
    assertThat(cases.stream().filter(Case::ok).count()).isGreaterThan(400);
    assertThat(cases.stream().filter(c -> !c.ok()).count()).isGreaterThan(600);
  }

  private static void check(Case c) {
    if (!c.ok()) {
      assertThatThrownBy(() -> Parser.parse(c.query()))
          .isInstanceOf(ParseException.class)
          .hasMessage(c.expected());
      return;
    }
    Expr e = Parser.parse(c.query());
    assertThat(Printer.pretty(e)).isEqualTo(c.expected());
    String line = Printer.print(e);
    if (!c.expected().contains("\n")) {
      assertThat(line).isEqualTo(c.expected());
    }
    assertThat(Printer.print(Parser.parse(line))).as("round trip of %s", line).isEqualTo(line);
  }

  static List<Case> load() throws IOException {
    String text;
    try (InputStream in = GoldenTest.class.getResourceAsStream(FILE)) {
      text = new String(Objects.requireNonNull(in, FILE).readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (!l.startsWith("Q")) {
        continue;
      }
      String query = l.startsWith("Q\\ ") ? unescape(l.substring(3)) : l.substring(2);
      int start = i + 1;
      if (lines[i + 1].startsWith("! ")) {
        cases.add(new Case(start, query, false, lines[++i].substring(2)));
        continue;
      }
      List<String> out = new ArrayList<>();
      while (i + 1 < lines.length && lines[i + 1].startsWith("= ")) {
        out.add(lines[++i].substring(2));
      }
      cases.add(new Case(start, query, true, String.join("\n", out)));
    }
    return cases;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      sb.append(
          switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            case 'f' -> '\f';
            default -> e;
          });
    }
    return sb.toString();
  }
}
