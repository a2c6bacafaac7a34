package io.moraine.logs.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.logs.logql.ast.Decolorize;
import io.moraine.logs.logql.ast.JsonParser;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LineFormat;
import io.moraine.logs.logql.ast.Stage;
import io.moraine.logs.logql.ast.UnpackParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredSubstringsTest {
  private static LineFilter f(LineFilterOp op, String... v) {
    return new LineFilter(
        op, java.util.Arrays.stream(v).map(s -> new LineFilter.Value(s, false)).toList());
  }

  private static List<String> of(Stage... s) {
    return Pipelines.requiredSubstrings(List.of(s));
  }

  @Test
  void positiveSingleLiteralsBeforeAnyRewrite() {
    assertThat(
            of(
                f(LineFilterOp.CONTAINS, "error"),
                new JsonParser(List.of()),
                f(LineFilterOp.CONTAINS, "db")))
        .containsExactly("error", "db");
    assertThat(of(f(LineFilterOp.CONTAINS, "a", "b"))).isEmpty();
    assertThat(of(f(LineFilterOp.NOT_CONTAINS, "a"), f(LineFilterOp.MATCHES_REGEX, "x"))).isEmpty();
    assertThat(of(f(LineFilterOp.CONTAINS, ""))).isEmpty();
    assertThat(
            of(
                new LineFilter(
                    LineFilterOp.CONTAINS, List.of(new LineFilter.Value("10.0.0.1", true)))))
        .isEmpty();
    assertThat(
            of(
                f(LineFilterOp.CONTAINS, "x"),
                new LineFormat("{{.a}}"),
                f(LineFilterOp.CONTAINS, "y")))
        .containsExactly("x");
    assertThat(of(new Decolorize(), f(LineFilterOp.CONTAINS, "y"))).isEmpty();
    assertThat(of(new UnpackParser(), f(LineFilterOp.CONTAINS, "y"))).isEmpty();
    assertThat(of(f(LineFilterOp.CONTAINS, "Dup"), f(LineFilterOp.CONTAINS, "Dup")))
        .containsExactly("Dup");
  }
}
