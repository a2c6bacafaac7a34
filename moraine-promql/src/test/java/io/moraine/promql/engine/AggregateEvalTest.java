package io.moraine.promql.engine;

import static io.moraine.promql.engine.TestRows.NA;
import static io.moraine.promql.engine.TestRows.render;
import static io.moraine.promql.engine.TestRows.row;
import static io.moraine.promql.engine.TestRows.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moraine.promql.ast.AggregateExpr;
import io.moraine.promql.ast.AggregateOp;
import io.moraine.promql.ast.NumberLiteral;
import io.moraine.promql.ast.PosRange;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AggregateEvalTest {
  private static final NumberLiteral ANY = new NumberLiteral(0, PosRange.NONE);

  /** aggregators.test's http_requests at 50m, in the order a selector returns them. */
  private static List<Row> httpRequests() {
    return List.of(
        row("http_requests{group=canary, instance=0, job=api-server}", 300.0),
        row("http_requests{group=canary, instance=0, job=app-server}", 700.0),
        row("http_requests{group=canary, instance=1, job=api-server}", 400.0),
        row("http_requests{group=canary, instance=1, job=app-server}", 800.0),
        row("http_requests{group=production, instance=0, job=api-server}", 100.0),
        row("http_requests{group=production, instance=0, job=app-server}", 500.0),
        row("http_requests{group=production, instance=1, job=api-server}", 200.0),
        row("http_requests{group=production, instance=1, job=app-server}", 600.0));
  }

  private static List<String> agg(
      AggregateOp op, List<String> grouping, boolean without, List<Row> in, int steps) {
    return aggWith(op, grouping, without, in, null, steps);
  }

  private static List<String> aggWith(
      AggregateOp op,
      List<String> grouping,
      boolean without,
      List<Row> in,
      @Nullable EvalResult param,
      int steps) {
    AggregateExpr e =
        new AggregateExpr(op, ANY, param == null ? null : ANY, grouping, without, PosRange.NONE);
    return render(AggregateEval.eval(e, in, param, steps(steps)).rows(), steps);
  }

  private static EvalResult.ScalarSteps scalars(double... v) {
    return new EvalResult.ScalarSteps(v);
  }

  @Test
  void sumByWithoutAndNoClauseGroupInOrderOfFirstAppearance() {
    assertThat(agg(AggregateOp.SUM, List.of("job"), false, httpRequests(), 1))
        .containsExactly("{job=api-server} 1000", "{job=app-server} 2600");
    assertThat(agg(AggregateOp.SUM, List.of("job", "nonexistent"), false, httpRequests(), 1))
        .containsExactly("{job=api-server} 1000", "{job=app-server} 2600");
    assertThat(agg(AggregateOp.SUM, List.of("instance"), true, httpRequests(), 1))
        .containsExactly(
            "{group=canary, job=api-server} 700",
            "{group=canary, job=app-server} 1500",
            "{group=production, job=api-server} 300",
            "{group=production, job=app-server} 1100");
    assertThat(agg(AggregateOp.SUM, List.of(), false, httpRequests(), 1))
        .containsExactly("{} 3600");
    assertThat(agg(AggregateOp.SUM, List.of(), true, httpRequests().subList(0, 2), 1))
        .containsExactly(
            "{group=canary, instance=0, job=api-server} 300",
            "{group=canary, instance=0, job=app-server} 700");
  }

  @Test
  void groupingKeysDoNotRunTogether() {
    List<Row> in = List.of(row("t{a=aa, b=bb}", 100.0), row("t{a=a, b=abb}", 200.0));
    assertThat(agg(AggregateOp.SUM, List.of("a", "b"), false, in, 1))
        .containsExactly("{a=aa, b=bb} 100", "{a=a, b=abb} 200");
  }

  @Test
  void simpleOperators() {
    List<Row> in = httpRequests();
    // The incremental mean of 300, 400, 100, 200 (a plain sum / count would give 250 exactly).
    assertThat(agg(AggregateOp.AVG, List.of("job"), false, in, 1))
        .containsExactly("{job=api-server} 249.99999999999997", "{job=app-server} 650");
    assertThat(agg(AggregateOp.COUNT, List.of("job"), false, in, 1))
        .containsExactly("{job=api-server} 4", "{job=app-server} 4");
    assertThat(agg(AggregateOp.MIN, List.of("job"), false, in, 1))
        .containsExactly("{job=api-server} 100", "{job=app-server} 500");
    assertThat(agg(AggregateOp.MAX, List.of("job"), false, in, 1))
        .containsExactly("{job=api-server} 400", "{job=app-server} 800");
    assertThat(agg(AggregateOp.GROUP, List.of("job"), false, in, 1))
        .containsExactly("{job=api-server} 1", "{job=app-server} 1");
    assertThat(value(AggregateOp.STDVAR, List.of(), in, 0)).isCloseTo(52500, within(1e-9));
    assertThat(value(AggregateOp.STDVAR, List.of("instance"), in, 0))
        .isCloseTo(50000, within(1e-9));
    assertThat(value(AggregateOp.STDVAR, List.of("instance"), in, 1))
        .isCloseTo(50000, within(1e-9));
    assertThat(value(AggregateOp.STDDEV, List.of(), in, 0))
        .isCloseTo(229.12878474779, within(1e-9));
  }

  /** The value at the only step of output row {@code i}. */
  private static double value(AggregateOp op, List<String> by, List<Row> in, int i) {
    AggregateExpr e = new AggregateExpr(op, ANY, null, by, false, PosRange.NONE);
    return AggregateEval.eval(e, in, null, steps(1)).rows().get(i).values[0];
  }

  @Test
  void varianceOfEqualValuesIsExactlyZero() {
    List<Row> in = List.of(row("x{i=0}", 13.3), row("x{i=1}", 13.3), row("x{i=2}", 13.3));
    assertThat(agg(AggregateOp.STDDEV, List.of(), false, in, 1)).containsExactly("{} 0");
    assertThat(agg(AggregateOp.STDVAR, List.of(), false, in, 1)).containsExactly("{} 0");
  }

  @Test
  void aLoneInfiniteSampleHasNoVarianceAndALoneNegativeZeroSumsToNegativeZero() {
    assertThat(
            agg(
                AggregateOp.STDDEV,
                List.of(),
                false,
                List.of(row("x", Double.POSITIVE_INFINITY)),
                1))
        .containsExactly("{} 0");
    assertThat(agg(AggregateOp.SUM, List.of(), false, List.of(row("x", -0.0)), 1))
        .containsExactly("{} -0");
    assertThat(agg(AggregateOp.SUM, List.of(), false, List.of(row("x", -0.0), row("y", 0.0)), 1))
        .containsExactly("{} 0");
  }

  @Test
  void minAndMaxReplaceNaNByAnyLaterValue() {
    List<Row> in =
        List.of(
            row("h{g=p, i=0}", 1.0),
            row("h{g=p, i=1}", 2.0),
            row("h{g=c, i=0}", Double.NaN),
            row("h{g=c, i=1}", 3.0),
            row("h{g=c, i=2}", 4.0));
    assertThat(agg(AggregateOp.MAX, List.of(), false, in, 1)).containsExactly("{} 4");
    assertThat(agg(AggregateOp.MIN, List.of(), false, in, 1)).containsExactly("{} 1");
    assertThat(agg(AggregateOp.MAX, List.of("g"), false, in, 1))
        .containsExactly("{g=p} 2", "{g=c} 4");
    assertThat(agg(AggregateOp.MIN, List.of("g"), false, in, 1))
        .containsExactly("{g=p} 1", "{g=c} 3");
    // A NaN after a value does not replace it; a group of NaNs stays NaN.
    List<Row> late = List.of(row("a", 5.0), row("b", Double.NaN));
    assertThat(agg(AggregateOp.MAX, List.of(), false, late, 1)).containsExactly("{} 5");
    assertThat(agg(AggregateOp.MIN, List.of(), false, List.of(row("a", Double.NaN)), 1))
        .containsExactly("{} NaN");
  }

  @Test
  void averageKeepsInfinitiesAndAvoidsOverflow() {
    double inf = Double.POSITIVE_INFINITY;
    double big = 9.988465674311579e+307;
    assertThat(avg(8, 10, 12)).isEqualTo("{} 10");
    assertThat(avg(0, inf, inf, 0)).isEqualTo("{} +Inf");
    assertThat(avg(inf, 0, inf)).isEqualTo("{} +Inf");
    assertThat(avg(inf, inf, inf, -inf)).isEqualTo("{} NaN");
    assertThat(avg(-inf, -inf, 0)).isEqualTo("{} -Inf");
    assertThat(avg(-inf, 0, -inf)).isEqualTo("{} -Inf");
    assertThat(avg(-inf, 0, inf)).isEqualTo("{} NaN");
    assertThat(avg(big, big, big, big)).isEqualTo("{} " + big);
    assertThat(avg(-big, -big, -big, -big)).isEqualTo("{} " + -big);
    assertThat(avg(-big, -big, big, big)).isEqualTo("{} 0");
  }

  private static String avg(double... values) {
    Row[] rows = new Row[values.length];
    for (int i = 0; i < values.length; i++) {
      rows[i] = row("d{p=" + i + "}", values[i]);
    }
    return agg(AggregateOp.AVG, List.of(), false, List.of(rows), 1).getFirst();
  }

  @Test
  void aggregatesEachStepOverTheRowsPresentThere() {
    List<Row> in =
        List.of(
            row("m{mode=idle, cpu=0}", 1.0, NA, 3.0, NA),
            row("m{mode=idle, cpu=1}", 10.0, 20.0, NA, NA),
            row("m{mode=user, cpu=0}", NA, NA, 5.0, NA),
            row("m{mode=user, cpu=1}", NA, NA, NA, NA));
    assertThat(agg(AggregateOp.SUM, List.of("mode"), false, in, 4))
        .containsExactly("{mode=idle} 11 20 3 _", "{mode=user} _ _ 5 _");
    assertThat(agg(AggregateOp.COUNT, List.of("mode"), false, in, 4))
        .containsExactly("{mode=idle} 2 1 1 _", "{mode=user} _ _ 1 _");
    assertThat(agg(AggregateOp.AVG, List.of("mode"), true, in, 4))
        .containsExactly("{cpu=0} 1 _ 4 _", "{cpu=1} 10 20 _ _");
    assertThat(agg(AggregateOp.MAX, List.of(), false, in, 4)).containsExactly("{} 10 20 5 _");
    assertThat(agg(AggregateOp.STDVAR, List.of(), false, in, 4)).containsExactly("{} 20.25 0 1 _");
  }

  @Test
  void topkAndBottomkOutputTheInputSeriesInPrometheusOrder() {
    List<Row> in = httpRequests();
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, in, scalars(3), 1))
        .containsExactly(
            "http_requests{group=canary, instance=1, job=app-server} 800",
            "http_requests{group=canary, instance=0, job=app-server} 700",
            "http_requests{group=production, instance=1, job=app-server} 600");
    assertThat(aggWith(AggregateOp.BOTTOMK, List.of(), false, in, scalars(3), 1))
        .containsExactly(
            "http_requests{group=production, instance=0, job=api-server} 100",
            "http_requests{group=production, instance=1, job=api-server} 200",
            "http_requests{group=canary, instance=0, job=api-server} 300");
    assertThat(aggWith(AggregateOp.TOPK, List.of("group"), false, in, scalars(1), 1))
        .containsExactly(
            "http_requests{group=canary, instance=1, job=app-server} 800",
            "http_requests{group=production, instance=1, job=app-server} 600");
    assertThat(
            aggWith(
                AggregateOp.BOTTOMK, List.of(), false, in.subList(0, 2), scalars(9999999999.0), 1))
        .containsExactly(
            "http_requests{group=canary, instance=0, job=api-server} 300",
            "http_requests{group=canary, instance=0, job=app-server} 700");
  }

  @Test
  void topkSortsNaNAwayFromTheTopAndBottom() {
    List<Row> in = List.of(row("h{i=0}", 100.0), row("h{i=1}", 200.0), row("h{i=2}", Double.NaN));
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, in, scalars(3), 1))
        .containsExactly("h{i=1} 200", "h{i=0} 100", "h{i=2} NaN");
    assertThat(aggWith(AggregateOp.BOTTOMK, List.of(), false, in, scalars(3), 1))
        .containsExactly("h{i=0} 100", "h{i=1} 200", "h{i=2} NaN");
    List<Row> nanFirst = List.of(row("h{i=2}", Double.NaN), row("h{i=0}", 1.0));
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, nanFirst, scalars(1), 1))
        .containsExactly("h{i=0} 1");
  }

  @Test
  void topkBreaksTiesAsGosHeapDoes() {
    List<Row> in =
        List.of(row("x{i=a}", 5.0), row("x{i=b}", 5.0), row("x{i=c}", 5.0), row("x{i=d}", 6.0));
    // The heap drops a (its root) for d, so b survives, not the first-seen a.
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, in, scalars(2), 1))
        .containsExactly("x{i=d} 6", "x{i=b} 5");
    List<Row> in2 =
        List.of(row("x{i=a}", 1.0), row("x{i=b}", 3.0), row("x{i=c}", 2.0), row("x{i=d}", 3.0));
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, in2, scalars(3), 1))
        .containsExactly("x{i=b} 3", "x{i=d} 3", "x{i=c} 2");
  }

  @Test
  void topkTakesKPerStepAndMarksOnlyTheChosenSteps() {
    List<Row> in =
        List.of(
            row("x{i=a}", 1.0, 5.0, 1.0), row("x{i=b}", 2.0, 4.0, NA), row("x{i=c}", 3.0, NA, 9.0));
    assertThat(aggWith(AggregateOp.TOPK, List.of(), false, in, scalars(1, 2, 0.5), 3))
        .containsExactly("x{i=c} 3 _ _", "x{i=a} _ 5 _", "x{i=b} _ 4 _");
  }

  @Test
  void topkByGroupOverStepsWhereAGroupIsAbsent() {
    List<Row> in =
        List.of(
            row("x{g=a, i=0}", 1.0, 7.0, NA),
            row("x{g=b, i=0}", NA, NA, 3.0),
            row("x{g=a, i=1}", 2.0, 2.0, NA),
            row("x{g=b, i=1}", NA, NA, 4.0));
    assertThat(aggWith(AggregateOp.TOPK, List.of("g"), false, in, scalars(1, 1, 1), 3))
        .containsExactly("x{g=a, i=1} 2 _ _", "x{g=a, i=0} _ 7 _", "x{g=b, i=1} _ _ 4");
    // bottomk(1) replaces its single element only for a strictly smaller value: the first wins.
    List<Row> ties = List.of(row("y{i=0}", 2.0), row("y{i=1}", 1.0), row("y{i=2}", 1.0));
    assertThat(aggWith(AggregateOp.BOTTOMK, List.of(), false, ties, scalars(1), 1))
        .containsExactly("y{i=1} 1");
  }

  @Test
  void topkRejectsAParameterThatOverflowsInt64() {
    assertThatThrownBy(
            () -> aggWith(AggregateOp.TOPK, List.of(), false, httpRequests(), scalars(1e20), 1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage("Scalar value 1e+20 overflows int64");
    assertThatThrownBy(
            () -> aggWith(AggregateOp.BOTTOMK, List.of(), false, List.of(), scalars(Double.NaN), 1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage("Scalar value NaN overflows int64");
  }

  @Test
  void topkOfMoreThanTwelveIsFullySorted() {
    Row[] rows = new Row[30];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row("x{i=" + i + "}", (double) ((i * 7) % 30));
    }
    List<String> out = aggWith(AggregateOp.TOPK, List.of(), false, List.of(rows), scalars(20), 1);
    assertThat(out).hasSize(20);
    for (int j = 0; j < 20; j++) {
      assertThat(out.get(j)).endsWith(" " + (29 - j));
    }
  }

  @Test
  void quantilePerStepPhi() {
    List<Row> in =
        List.of(
            row("d{t=two, p=a}", 0.0, 0.0),
            row("d{t=two, p=b}", 1.0, 1.0),
            row("d{t=three, p=a}", 0.0, 0.0),
            row("d{t=three, p=b}", 1.0, NA),
            row("d{t=three, p=c}", 2.0, 2.0),
            row("d{t=uneven, p=a}", 0.0, 0.0),
            row("d{t=uneven, p=b}", 1.0, 1.0),
            row("d{t=uneven, p=c}", 4.0, 4.0));
    assertThat(aggWith(AggregateOp.QUANTILE, List.of("p"), true, in, scalars(0.8, 0.5), 2))
        // 1·(1−0.6000000000000001) + 4·0.6000000000000001, as Go computes it too.
        .containsExactly("{t=two} 0.8 0.5", "{t=three} 1.6 1", "{t=uneven} 2.8000000000000003 1");
    assertThat(aggWith(AggregateOp.QUANTILE, List.of("p"), true, in, scalars(Double.NaN, -1), 2))
        .containsExactly("{t=two} NaN -Inf", "{t=three} NaN -Inf", "{t=uneven} NaN -Inf");
  }

  @Test
  void countValuesCountsSeriesPerValue() {
    List<Row> in =
        List.of(
            row("version{job=api, instance=0, group=production}", 6.0),
            row("version{job=api, instance=1, group=production}", 6.0),
            row("version{job=api, instance=0, group=canary}", 8.0),
            row("version{job=app, instance=0, group=production}", 6.0),
            row("version{job=app, instance=0, group=canary}", 7.0),
            row("version{job=app, instance=1, group=canary}", 7.0));
    EvalResult.Str version = new EvalResult.Str("version");
    assertThat(aggWith(AggregateOp.COUNT_VALUES, List.of(), false, in, version, 1))
        .containsExactly("{version=6} 3", "{version=8} 1", "{version=7} 2");
    assertThat(aggWith(AggregateOp.COUNT_VALUES, List.of("instance"), true, in, version, 1))
        .containsExactly(
            "{group=production, job=api, version=6} 2",
            "{group=canary, job=api, version=8} 1",
            "{group=production, job=app, version=6} 1",
            "{group=canary, job=app, version=7} 2");
    EvalResult.Str job = new EvalResult.Str("job");
    assertThat(aggWith(AggregateOp.COUNT_VALUES, List.of("instance"), true, in, job, 1))
        .containsExactly(
            "{group=production, job=6} 3", "{group=canary, job=8} 1", "{group=canary, job=7} 2");
    assertThat(aggWith(AggregateOp.COUNT_VALUES, List.of("job", "group"), false, in, job, 1))
        .containsExactly(
            "{group=production, job=6} 3", "{group=canary, job=8} 1", "{group=canary, job=7} 2");
    // Listed in without, the value label is dropped again: one group per rest of the labels.
    assertThat(
            aggWith(
                AggregateOp.COUNT_VALUES,
                List.of("version", "instance", "job"),
                true,
                in,
                version,
                1))
        .containsExactly("{group=production} 3", "{group=canary} 3");
  }

  @Test
  void countValuesFormatsValuesAsGoFormatFloatF() {
    List<Row> in =
        List.of(
            row("v{i=0}", 1e-5, 1.0),
            row("v{i=1}", 1e21, 1.0),
            row("v{i=2}", Double.NaN, NA),
            row("v{i=3}", -0.0, 1.0),
            row("v{i=4}", Double.NEGATIVE_INFINITY, 2.5));
    assertThat(aggWith(AggregateOp.COUNT_VALUES, List.of(), false, in, new EvalResult.Str("v"), 2))
        .containsExactly(
            "{v=0.00001} 1 _",
            "{v=1} _ 3",
            "{v=1000000000000000000000} 1 _",
            "{v=NaN} 1 _",
            "{v=-0} 1 _",
            "{v=-Inf} 1 _",
            "{v=2.5} _ 1");
  }

  @Test
  void countValuesRejectsAnInvalidLabelName() {
    assertThatThrownBy(
            () ->
                aggWith(
                    AggregateOp.COUNT_VALUES,
                    List.of(),
                    false,
                    List.of(),
                    new EvalResult.Str("1x"),
                    1))
        .isInstanceOf(QueryException.Execution.class)
        .hasMessage("invalid label name \"1x\"");
  }
}
