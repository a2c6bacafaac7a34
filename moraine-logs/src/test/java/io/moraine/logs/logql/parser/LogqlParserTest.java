package io.moraine.logs.logql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.BinaryExpr;
import io.moraine.logs.logql.ast.BinaryOp;
import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilterStage;
import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.NumberLiteral;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.Unwrap;
import io.moraine.logs.logql.ast.VectorAggregation;
import io.moraine.logs.logql.ast.VectorOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AST the parser builds, beyond what the golden files' printed forms show. */
class LogqlParserTest {
  @Test
  void buildsTheBenchmarkQueries() {
    assertThat(LogqlParser.parse("{app=\"x\"} |= \"needle\""))
        .isEqualTo(
            new LogSelector(
                List.of(Matcher.eq("app", "x")),
                List.of(
                    new LineFilter(
                        LineFilterOp.CONTAINS, List.of(new LineFilter.Value("needle", false))))));
    LogSelector json = LogqlParser.parseLogSelector("{app=\"x\"} | json | status >= 500");
    assertThat(json.stages().get(1))
        .isEqualTo(
            new LabelFilterStage(
                new LabelFilter.NumberFilter("status", LabelFilter.Comparison.GTE, 500)));
    VectorAggregation sum =
        (VectorAggregation) LogqlParser.parse("sum by (app) (rate({ns=\"prod\"}[5m]))");
    assertThat(sum.op()).isEqualTo(VectorOp.SUM);
    assertThat(sum.grouping())
        .isEqualTo(new io.moraine.logs.logql.ast.Grouping(false, List.of("app")));
    RangeAggregation rate = (RangeAggregation) sum.inner();
    assertThat(rate.op()).isEqualTo(RangeOp.RATE);
    assertThat(rate.range().rangeNanos()).isEqualTo(300_000_000_000L);
  }

  @Test
  void readsUnwrapConversionPostFiltersAndOffset() {
    RangeAggregation r =
        (RangeAggregation)
            LogqlParser.parse(
                "quantile_over_time(0.99, {a=\"b\"} | json | unwrap duration(d) | __error__=\"\""
                    + " [1m] offset -90s) by (x)");
    assertThat(r.parameter()).isEqualTo(0.99);
    assertThat(r.range().offsetNanos()).isEqualTo(-90_000_000_000L);
    assertThat(r.range().unwrap())
        .isEqualTo(
            new Unwrap(
                "d",
                Unwrap.Conversion.DURATION,
                List.of(new LabelFilter.StringFilter(Matcher.eq("__error__", "")))));
  }

  @Test
  void powerIsRightAssociativeAndFoldsLiterals() {
    BinaryExpr e = (BinaryExpr) LogqlParser.parse("rate({a=\"b\"}[1m]) ^ rate({a=\"c\"}[1m]) ^ 2");
    assertThat(e.op()).isEqualTo(BinaryOp.POW);
    assertThat(e.right()).isInstanceOf(BinaryExpr.class);
    assertThat(LogqlParser.parse("1 / 0")).isInstanceOf(NumberLiteral.class);
    assertThat(((NumberLiteral) LogqlParser.parse("1 / 0")).value()).isNaN();
    assertThat(LogqlParser.parse("2 - -3")).isEqualTo(new NumberLiteral(5));
  }

  @Test
  void commaAndJuxtapositionTakeEverythingToTheirRightAsLokisGrammarDoes() {
    LogSelector s = LogqlParser.parseLogSelector("{a=\"b\"} | x=\"1\", y=\"2\" or z=\"3\"");
    LabelFilter f = ((LabelFilterStage) s.stages().getFirst()).filter();
    assertThat(f).isInstanceOf(LabelFilter.And.class);
    assertThat(((LabelFilter.And) f).right()).isInstanceOf(LabelFilter.Or.class);
  }

  @Test
  void reportsPositionsOnLaterLines() {
    assertThatThrownBy(() -> LogqlParser.parse("{app=\"x\"}\n  | json\n  | foo > bar"))
        .isInstanceOfSatisfying(
            LogqlParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(11);
            });
  }

  @Test
  void parseLogSelectorRefusesMetricQueries() {
    assertThatThrownBy(() -> LogqlParser.parseLogSelector("rate({a=\"b\"}[1m])"))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("only log selector is supported");
  }

  @Test
  void refusesOverlongInput() {
    String q = "{a=\"" + "x".repeat(6000) + "\"}";
    assertThatThrownBy(() -> LogqlParser.parse(q))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("input size too long (6006 > 5120)");
  }

  @Test
  void acceptsRe2OnlySpellingsInMatchers() {
    LogSelector s = LogqlParser.parseLogSelector("{a=~\"{.*}\"}");
    assertThat(s.matchers().get(0).matches("{x}")).isTrue();
    assertThat(s.matchers().get(0).matches("x")).isFalse();
  }
}
