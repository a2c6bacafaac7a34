package io.moraine.logs.logql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random bytes and mutated valid queries never raise anything but LogqlParseException. */
class LogqlFuzzTest {
  private static final String ALPHABET =
      "{}()[]|=~!<>,\"`'#-+*/%^ .\n\t0123456789abcdjsonrteyxmh_µ";

  @Test
  void randomBytesOnlyFailAsParseErrors() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = (byte) random.nextInt(256);
      }
      check(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  @Test
  void mutatedQueriesOnlyFailAsParseErrors() throws IOException {
    List<String> seeds =
        LogqlGoldenTest.load("queries.txt").stream().map(LogqlGoldenTest.Case::query).toList();
    SplittableRandom random = new SplittableRandom(7);
    int parsed = 0;
    for (int i = 0; i < 30_000; i++) {
      StringBuilder q = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && !q.isEmpty(); e++) {
        int at = random.nextInt(q.length());
        switch (random.nextInt(3)) {
          case 0 -> q.deleteCharAt(at);
          case 1 -> q.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          default -> q.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      if (check(q.toString())) {
        parsed++;
      }
    }
    assertThat(parsed).as("some mutations stay valid").isPositive();
  }

  /** Parses; a success must print to a query that parses to the same AST. */
  private static boolean check(String query) {
    try {
      var expr = LogqlParser.parse(query);
      String printed = LogqlPrinter.format(expr);
      if (!printed.contains("NaN") && !printed.contains("Inf")) {
        assertThat(LogqlParser.parse(printed)).as(query).isEqualTo(expr);
      }
      return true;
    } catch (LogqlParseException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      return false;
    }
  }
}
