package io.moraine.logs.logql.engine;

import static io.moraine.logs.logql.engine.Ast.S;
import static io.moraine.logs.logql.engine.Ast.by;
import static io.moraine.logs.logql.engine.Ast.range;
import static io.moraine.logs.logql.engine.Ast.sel;
import static io.moraine.logs.logql.engine.Ast.unwrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import io.moraine.core.logs.Direction;
import io.moraine.core.logs.LogReadStats;
import io.moraine.logs.logql.ast.LogRange;
import io.moraine.logs.logql.ast.LogSelector;
import io.moraine.logs.logql.ast.LogfmtParser;
import io.moraine.logs.logql.ast.RangeAggregation;
import io.moraine.logs.logql.ast.RangeOp;
import io.moraine.logs.logql.ast.SampleExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeAggregationTest {
  private static final Labels A = Labels.of("app", "x", "pod", "1");
  private static final LogSelector LOGFMT =
      sel(List.of(new LogfmtParser(false, false, List.of())), "app", "x");

  private final MemoryLogStore store = new MemoryLogStore();
  private LogqlEngine engine =
      new LogqlEngine(store, EngineOptions.DEFAULT.withPipelines(new TestPipelines()));

  private List<QueryResult.Sample> instant(SampleExpr e, long t) {
    return ((QueryResult.Vector)
            engine.instant("t", e, t, 100, Direction.BACKWARD, new LogReadStats()))
        .samples();
  }

  private double single(SampleExpr e, long t) {
    List<QueryResult.Sample> v = instant(e, t);
    assertThat(v).hasSize(1);
    return v.get(0).value();
  }

  private QueryResult.Matrix matrix(SampleExpr e, long start, long end, long step) {
    return (QueryResult.Matrix)
        engine.range("t", e, start, end, step, 0, 100, Direction.BACKWARD, new LogReadStats());
  }

  /** Values 1, 2, 3, 4 at 10, 20, 30, 40 s. */
  private void values() {
    for (int i = 1; i <= 4; i++) {
      store.add(A, i * 10 * S, "v=" + i + " level=info");
    }
  }

  @Test
  void windowIsOpenAtItsStartAndTheStoreReadOpenAtTheEnd() {
    store.add(A, 30 * S, "a").add(A, 45 * S, "b").add(A, 60 * S, "c");
    // instant at 60s: window (30s, 60s], store read [30s, 60s): only 45s counts
    assertThat(single(range(RangeOp.COUNT_OVER_TIME, sel("app", "x"), 30 * S), 60 * S))
        .isEqualTo(1);
    // in a range query the read runs to 90s, so the step at 60s sees 45s and 60s
    QueryResult.Matrix m =
        matrix(range(RangeOp.COUNT_OVER_TIME, sel("app", "x"), 30 * S), 60 * S, 90 * S, 30 * S);
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).timestampsMillis()).containsExactly(60_000);
    assertThat(m.series().get(0).values()).containsExactly(2);
    assertThat(store.ranges.get(1)).containsExactly(30 * S, 90 * S - 1);
    assertThat(store.hints.get(0).linesNeeded()).isFalse();
  }

  @Test
  void rangeStepsAreStartPlusMultiplesOfStepUpToEnd() {
    for (int i = 0; i < 10; i++) {
      store.add(A, i * 10 * S + 1, "x");
    }
    QueryResult.Matrix m =
        matrix(range(RangeOp.COUNT_OVER_TIME, sel("app", "x"), 20 * S), 20 * S, 95 * S, 25 * S);
    QueryResult.RangeSeries s = m.series().get(0);
    assertThat(s.timestampsMillis()).containsExactly(20_000, 45_000, 70_000, 95_000);
    // (0,20] -> 0.x,10.x ; (25,45] -> 30.x,40.x ; (50,70] -> 50.x,60.x ; (75,95] -> 80.x,90.x
    assertThat(s.values()).containsExactly(2, 2, 2, 2);
    assertThat(s.labels()).isEqualTo(A);
  }

  @Test
  void countingFunctions() {
    store.add(A, 10 * S, "abcd").add(A, 20 * S, "ef");
    assertThat(single(range(RangeOp.RATE, sel("app", "x"), 40 * S), 30 * S)).isEqualTo(2 / 40.0);
    assertThat(single(range(RangeOp.BYTES_OVER_TIME, sel("app", "x"), 40 * S), 30 * S))
        .isEqualTo(6);
    assertThat(single(range(RangeOp.BYTES_RATE, sel("app", "x"), 40 * S), 30 * S))
        .isEqualTo(6 / 40.0);
  }

  @Test
  void unwrappedFunctionsOverOneWindow() {
    values();
    long t = 45 * S;
    long r = 40 * S; // window (5s, 45s]: 1, 2, 3, 4
    assertThat(single(unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(10);
    assertThat(single(unwrapped(RangeOp.AVG_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(2.5);
    assertThat(single(unwrapped(RangeOp.MIN_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(1);
    assertThat(single(unwrapped(RangeOp.MAX_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(4);
    assertThat(single(unwrapped(RangeOp.FIRST_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(1);
    assertThat(single(unwrapped(RangeOp.LAST_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(4);
    assertThat(single(unwrapped(RangeOp.STDVAR_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isEqualTo(1.25);
    assertThat(single(unwrapped(RangeOp.STDDEV_OVER_TIME, LOGFMT, "v", r, null, null), t))
        .isCloseTo(Math.sqrt(1.25), within(1e-12));
    // rank 0.9 * 3 = 2.7 -> 3 * 0.3 + 4 * 0.7
    assertThat(single(unwrapped(RangeOp.QUANTILE_OVER_TIME, LOGFMT, "v", r, 0.9, null), t))
        .isCloseTo(3.7, within(1e-12));
    assertThat(single(unwrapped(RangeOp.RATE, LOGFMT, "v", r, null, null), t)).isEqualTo(10 / 40.0);
    // the unwrapped label is gone, the others stay
    assertThat(
            instant(unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", r, null, null), t)
                .get(0)
                .labels())
        .isEqualTo(Labels.of("app", "x", "pod", "1", "level", "info"));
  }

  @Test
  void unwrappedWindowExcludesItsStart() {
    values();
    // window (10s, 40s]: 2, 3 (40s is the instant: not read)
    assertThat(single(unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", 30 * S, null, null), 40 * S))
        .isEqualTo(5);
  }

  @Test
  void rateCounterAsLokiComputesIt() {
    store.add(A, 10 * S, "v=1").add(A, 20 * S, "v=3");
    // Loki 2.9: duration to start = range ms / 1000 = 30, sampled interval = 1e10 ns / 1000
    double sampled = 1e7;
    double expected = 2 * ((sampled + 30) / sampled) / 30;
    assertThat(single(unwrapped(RangeOp.RATE_COUNTER, LOGFMT, "v", 30 * S, null, null), 25 * S))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void groupingOnUnwrappedRangeAggregation() {
    values();
    store.add(Labels.of("app", "x", "pod", "2"), 15 * S, "v=100 level=info");
    List<QueryResult.Sample> v =
        instant(unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", 60 * S, null, by("level")), 50 * S);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).labels()).isEqualTo(Labels.of("level", "info"));
    assertThat(v.get(0).value()).isEqualTo(110);
  }

  @Test
  void absentOverTimeKeepsOnlyEqualityMatchedLabels() {
    LogSelector s =
        new LogSelector(
            List.of(Matcher.eq("app", "x"), Matcher.re("env", "p.*"), Matcher.eq("pod", "9")),
            List.of());
    List<QueryResult.Sample> v = instant(range(RangeOp.ABSENT_OVER_TIME, s, 30 * S), 60 * S);
    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.labels()).isEqualTo(Labels.of("app", "x", "pod", "9"));
              assertThat(x.value()).isEqualTo(1);
            });
    store.add(A, 50 * S, "here");
    assertThat(instant(range(RangeOp.ABSENT_OVER_TIME, sel("app", "x"), 30 * S), 60 * S)).isEmpty();
  }

  @Test
  void offsetShiftsTheWindowNotTheTimestamp() {
    store.add(A, 10 * S, "a").add(A, 20 * S, "b");
    RangeAggregation e =
        new RangeAggregation(
            RangeOp.COUNT_OVER_TIME,
            new LogRange(sel("app", "x"), 30 * S, 60 * S, null),
            null,
            null);
    List<QueryResult.Sample> v = instant(e, 85 * S); // window (-5s, 25s]
    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.value()).isEqualTo(2);
              assertThat(x.timestampMillis()).isEqualTo(85_000);
            });
  }

  @Test
  void errorLabelFailsTheQuery() {
    store.add(A, 10 * S, "v=abc");
    assertThatThrownBy(
            () ->
                instant(
                    unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", 30 * S, null, by("app")), 20 * S))
        .isInstanceOf(PipelineErrorException.class)
        .hasMessageStartingWith(
            "pipeline error: 'SampleExtractionErr' for series: '{__error__=\"SampleExtractionErr\", app=\"x\", pod=\"1\"}'.\n"
                + "Use a label filter to intentionally skip this error. (e.g | __error__!=\"SampleExtractionErr\").");
  }

  @Test
  void seriesLimit() {
    for (int i = 0; i < 3; i++) {
      store.add(Labels.of("app", "x", "pod", "p" + i), 10 * S, "l");
    }
    engine =
        new LogqlEngine(
            store, EngineOptions.DEFAULT.withPipelines(new TestPipelines()).withMaxSeries(2));
    assertThatThrownBy(
            () -> instant(range(RangeOp.COUNT_OVER_TIME, sel("app", "x"), 30 * S), 20 * S))
        .isInstanceOf(SeriesLimitException.class)
        .hasMessage("maximum of series (2) reached for a single query");
    assertThatThrownBy(
            () ->
                matrix(range(RangeOp.COUNT_OVER_TIME, sel("app", "x"), 30 * S), 0, 20 * S, 10 * S))
        .isInstanceOf(SeriesLimitException.class);
    assertThat(store.openQueriers).isZero();
  }

  @Test
  void linesNeededOnlyWhenAPipelineOrUnwrapReadsThem() {
    store.add(A, 10 * S, "v=1");
    instant(range(RangeOp.BYTES_RATE, sel("app", "x"), 30 * S), 20 * S);
    instant(range(RangeOp.COUNT_OVER_TIME, LOGFMT, 30 * S), 20 * S);
    instant(unwrapped(RangeOp.SUM_OVER_TIME, LOGFMT, "v", 30 * S, null, null), 20 * S);
    assertThat(store.hints).extracting(h -> h.linesNeeded()).containsExactly(false, true, true);
  }
}
