package io.moraine.logs.logql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.logs.logql.ast.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden files: canonical forms, round trips and exact error messages with positions. */
class LogqlGoldenTest {
  record Case(String query, String expected) {}

  static List<Case> load(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            LogqlGoldenTest.class.getResourceAsStream("/logql/parser/" + name))) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<Case> cases = new ArrayList<>();
      String query = null;
      for (String line : lines) {
        if (line.startsWith("q: ")) {
          query = line.substring(3);
        } else if ((line.startsWith("=> ") || line.startsWith("!! ")) && query != null) {
          cases.add(new Case(query, line.substring(3)));
          query = null;
        }
      }
      return cases;
    }
  }

  static Stream<Arguments> queries() throws IOException {
    return load("queries.txt").stream().map(c -> Arguments.of(c.query(), c.expected()));
  }

  static Stream<Arguments> errors() throws IOException {
    return load("errors.txt").stream().map(c -> Arguments.of(c.query(), c.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void printsCanonicalFormAndRoundTrips(String query, String expected) {
    Expr parsed = LogqlParser.parse(query);
    String printed = LogqlPrinter.format(parsed);
    assertThat(printed).isEqualTo(expected);
    assertThat(LogqlParser.parse(printed)).isEqualTo(parsed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejectsWithLokisMessageAndPosition(String query, String expected) {
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlParseException.class)
        .hasMessage(expected);
  }

  @Test
  void goldenFilesHoldAtLeast150Queries() throws IOException {
    assertThat(load("queries.txt").size() + load("errors.txt").size()).isGreaterThanOrEqualTo(150);
  }
}
